using Nuke.CrossBuild.Oci;
namespace Nuke.CrossBuild.Assembling;

/// <summary>One platform of a base image, its layers copied (and verified) into the layout being assembled.</summary>
/// <param name="ManifestDigest">The base manifest's digest (the <c>org.opencontainers.image.base.digest</c> annotation).</param>
/// <param name="Layers">The layers, bottom first, with OCI media types.</param>
/// <param name="Config">The base config (environment, working directory, diff_ids).</param>
internal sealed record BasePlatform(string ManifestDigest, IReadOnlyList<OciDescriptor> Layers, ImageConfig Config);

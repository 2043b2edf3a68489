using System.Diagnostics.Contracts;
using static Nuke.CrossBuild.Internal.Guard;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>Fluent, copy-returning setters for <see cref="ImagePipelineSettings"/>, in NUKE's vocabulary.</summary>
public static class ImagePipelineSettingsExtensions
{
    /// <summary>Returns a copy that reads a cache.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cache">The cache.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings AddCacheFrom(this ImagePipelineSettings settings, Buildx.BuildxCache cache)
        => Required(settings) with { CacheFrom = [.. settings.CacheFrom, cache] };

    /// <summary>Returns a copy that writes a cache.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cache">The cache.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings AddCacheTo(this ImagePipelineSettings settings, Buildx.BuildxCache cache)
        => Required(settings) with { CacheTo = [.. settings.CacheTo, cache] };

    /// <summary>Returns a copy whose pushed image carries provenance and SBOM attestations (the verifier reports them and checks only the images).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="provenance">The provenance mode, <c>mode=max</c> by default.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings EnableAttestations(this ImagePipelineSettings settings, string provenance = "mode=max")
        => Required(settings) with { Provenance = provenance, Sbom = true };

    /// <summary>Returns a copy whose pushed image carries an SBOM attestation made by this generator image (e.g. a mirror of docker/buildkit-syft-scanner).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="image">The generator image.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings SetSbomGenerator(this ImagePipelineSettings settings, string image)
        => Required(settings) with { Sbom = true, SbomGenerator = image };

    /// <summary>Returns a copy with the platform specs.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="specs">Platforms, presets, wildcards, exclusions.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings SetPlatforms(this ImagePipelineSettings settings, params string[] specs)
        => Required(settings) with { Platforms = [.. specs] };

    /// <summary>Returns a copy with a build argument.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings AddBuildArg(this ImagePipelineSettings settings, string name, string value)
        => Required(settings) with { BuildArgs = [.. settings.BuildArgs, new(name, value)] };

    /// <summary>Returns a copy with a named build context.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="name">The name.</param>
    /// <param name="path">The directory.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings AddBuildContext(this ImagePipelineSettings settings, string name, string path)
        => Required(settings) with { BuildContexts = [.. settings.BuildContexts, new(name, path)] };

    /// <summary>Returns a copy with more tags (full references).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="tags">The references.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings AddTags(this ImagePipelineSettings settings, params string[] tags)
        => Required(settings) with { ExtraTags = [.. settings.ExtraTags, .. tags] };

    /// <summary>Returns a copy with a label.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings AddLabel(this ImagePipelineSettings settings, string name, string value)
        => Required(settings) with { Labels = [.. settings.Labels, new(name, value)] };

    /// <summary>Returns a copy that pushes by digest only.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings EnablePushByDigest(this ImagePipelineSettings settings)
        => Required(settings) with { PushByDigest = true };

    /// <summary>Returns a copy that pushes.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings EnablePush(this ImagePipelineSettings settings)
        => Required(settings) with { Push = true };

    /// <summary>Returns a copy that loads the image into the local engine.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings EnableLoad(this ImagePipelineSettings settings)
        => Required(settings) with { Load = true };

    /// <summary>Returns a copy that writes an OCI layout.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="directory">The directory.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings SetOciLayout(this ImagePipelineSettings settings, string directory)
        => Required(settings) with { OciLayout = directory };

    /// <summary>Returns a copy that requires static binaries.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings EnableRequireStatic(this ImagePipelineSettings settings)
        => Required(settings) with { RequireStatic = true };

    /// <summary>Keeps a record of passing verdicts in a directory, so manifests already verified (and run) under the same checks are not judged again; null turns it off.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="directory">The record's directory (keep it in the build's own output, such as <c>artifacts/verdicts</c>), or null.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings SetVerdictRecord(this ImagePipelineSettings settings, string? directory)
        => Required(settings) with { VerdictRecord = directory };

    /// <summary>Returns a copy that runs each platform's image once.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings SetSmokeArguments(this ImagePipelineSettings settings, params string[] arguments)
        => Required(settings) with { SmokeArguments = [.. arguments] };

    /// <summary>Returns a copy that signs the pushed image after it verified: cosign's signature and SLSA Verification Summaries, where <c>cosign verify</c> looks.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="path">An ECDSA P-256 PKCS#8 PEM private key file.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings SetSignKey(this ImagePipelineSettings settings, string path)
        => Required(settings) with { SignKey = path };

    /// <summary>Returns a copy that does not sign.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagePipelineSettings ResetSignKey(this ImagePipelineSettings settings)
        => Required(settings) with { SignKey = null };
}

using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Images.Assembly;

/// <summary>One platform of an assembled image.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Binary">The host binary it carries.</param>
/// <param name="ManifestDigest">Its manifest's digest.</param>
/// <param name="LayerSize">The size of its (only) layer, compressed.</param>
public sealed record AssembledPlatform(Platform Platform, string Binary, string ManifestDigest, long LayerSize);

using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Assembling;

/// <summary>One platform of an assembled image.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Binary">The host binary it carries, or null in a base image (<see cref="ImageAssemblySettings.BaseOnly"/>).</param>
/// <param name="ManifestDigest">Its manifest's digest.</param>
/// <param name="LayerSize">The size of its own top layer (binary and extra files), compressed; 0 when it has none.</param>
public sealed record AssembledPlatform(Platform Platform, string? Binary, string ManifestDigest, long LayerSize);

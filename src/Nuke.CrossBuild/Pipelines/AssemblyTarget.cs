using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>One platform of an <see cref="AssemblyPlan"/>.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Binary">The verified host binary, or null in a base image.</param>
/// <param name="InImage">Where the binary goes in the image, or null.</param>
/// <param name="Tarballs">The root file system tarballs laid below it, each checked to exist.</param>
internal sealed record AssemblyTarget(Platform Platform, string? Binary, string? InImage, IReadOnlyList<string> Tarballs);

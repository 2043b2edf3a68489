using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Workflows;

/// <summary>Immutable settings of a generated GitHub Actions workflow that builds, verifies and pushes a multi-platform image.</summary>
public sealed record WorkflowSettings
{
    /// <summary>Gets the workflow's name.</summary>
    public string Name { get; init; } = "crossbuild";

    /// <summary>Gets the platform specs.</summary>
    public PlatformSelection Platforms { get; init; } = PlatformSelection.Default;

    /// <summary>Gets the image repository (default <c>ghcr.io/${{ github.repository }}</c>; lowercased at run time).</summary>
    public string Image { get; init; } = "ghcr.io/${{ github.repository }}";

    /// <summary>Gets the build context.</summary>
    public string Context { get; init; } = ".";

    /// <summary>Gets the Dockerfile, or null for <c>Dockerfile</c> in the context.</summary>
    public string? File { get; init; }

    /// <summary>Gets whether the build stage runs emulated (the Dockerfile does not cross-compile); decides the QEMU step.</summary>
    public bool EmulateBuildStage { get; init; }

    /// <summary>Gets whether each platform's binary must be static.</summary>
    public bool RequireStatic { get; init; }

    /// <summary>Gets whether each platform's pushed image is run once (needs QEMU for the non-native ones).</summary>
    public bool Smoke { get; init; }

    /// <summary>Gets whether each platform builds in its own job on a native runner, pushed by digest and merged by a last job.</summary>
    public bool Split { get; init; }

    /// <summary>Gets the branches whose pushes (and pull requests into them) run the workflow.</summary>
    public IReadOnlyList<string> Branches { get; init; } = ["main"];

    /// <summary>Gets the tag patterns whose pushes run the workflow.</summary>
    public IReadOnlyList<string> TagPatterns { get; init; } = ["v*"];

    /// <summary>Gets the tag rules (metadata-action syntax), or empty for its defaults.</summary>
    public IReadOnlyList<string> TagRules { get; init; } = [];

    /// <summary>Gets the .NET SDK version the workflow installs.</summary>
    public string DotNetVersion { get; init; } = "10.0.x";

    /// <summary>Gets the version of the crossbuild tool the workflow installs (default: this library's own version).</summary>
    public string ToolVersion { get; init; } = PackageVersion.Current;

    /// <summary>Gets an extra package source for the tool (a feed URL), or null for nuget.org.</summary>
    public string? ToolSource { get; init; }

    /// <summary>
    /// Gets the crossbuild GitHub Action the build jobs use (<c>owner/repo@ref</c>, or a local <c>./path</c>), or null to
    /// install the tool and run it in the jobs' own steps.
    /// </summary>
    public string? Action { get; init; }
}

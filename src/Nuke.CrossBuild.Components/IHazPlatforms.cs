using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// The platforms a build targets and the plan for this machine (native, cross or emulated per platform). The base of
/// every CrossBuild component; <c>--platforms</c> takes names, presets (<c>common</c>, <c>all</c>, <c>arm</c>),
/// wildcards and <c>!exclusions</c>.
/// </summary>
public interface IHazPlatforms : INukeBuild
{
    /// <summary>Gets the platform specs (default <see cref="PlatformSelection.DefaultSpec"/>, <c>common</c>).</summary>
    [Parameter("Target platforms: names, presets (common, all, arm, go-first-class), wildcards, !exclusions. Default: common")]
    string[] Platforms => TryGetValue(() => Platforms) ?? [PlatformSelection.DefaultSpec];

    /// <summary>
    /// Gets whether every binary must be statically linked (checked by the verify targets). A value that is not
    /// <c>true</c> or <c>false</c> is an error here: NUKE only warns and injects nothing, which would turn the check off.
    /// </summary>
    /// <exception cref="SettingsException">The value given (command line, environment, parameters file) is not a boolean.</exception>
    [Parameter("Require statically linked binaries and image entrypoints (true or false)")]
    bool RequireStatic => TryGetValue<bool?>(() => RequireStatic)
        ?? ParameterSources.FromProcess(RootDirectory).Find(nameof(RequireStatic))?.ToBoolean("require-static")
        ?? false;

    /// <summary>Gets the directory CrossBuild's outputs go to (default <c>artifacts</c> under the root).</summary>
    AbsolutePath CrossBuildArtifactsDirectory => RootDirectory / "artifacts";

    /// <summary>Gets the matrix settings the components start from: the <see cref="Platforms"/>.</summary>
    sealed Configure<MatrixSettings> PlanSettingsBase => _ => _.SetPlatforms(Platforms);

    /// <summary>Gets the hook that adjusts the matrix settings (axes, host, cross-compile rule); applied after the base.</summary>
    Configure<MatrixSettings> PlanSettings => _ => _;

    /// <summary>Gets the plan: the expanded platforms and how this machine builds each.</summary>
    IReadOnlyList<MatrixEntry> PlatformPlan => MatrixTasks.Plan(Settings.Plan(this));

    /// <summary>Gets the planned platforms, without repeats (extra axes repeat them in the plan).</summary>
    IReadOnlyList<Platform> PlannedPlatforms => [.. PlatformPlan.Select(e => e.Platform).Distinct()];
}

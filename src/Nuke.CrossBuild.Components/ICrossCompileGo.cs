using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.CrossBuild.Toolchains.Go;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Cross-compiles a Go program for every planned platform on this machine (cgo through each target's C cross toolchain
/// when enabled), writing <c>artifacts/bin/{os}_{arch}[_{variant}]/{name}</c>; each binary is verified as it is built.
/// </summary>
public interface ICrossCompileGo : IHazPlatforms
{
    /// <summary>Gets the Go module directory (default: the root).</summary>
    [Parameter("Directory of the Go module to build (default: the root directory)")]
    string GoModuleDirectory => TryGetValue(() => GoModuleDirectory) ?? ".";

    /// <summary>Gets the output pattern (absolute), see <see cref="GoBuildSettings.Output"/>.</summary>
    string GoOutputPattern => CrossBuildArtifactsDirectory / "bin" / "{os}_{arch}[_{variant}]" / "{name}[.exe]";

    /// <summary>Gets the Go build settings the component starts from: platforms, module, output, static when required.</summary>
    sealed Configure<GoBuildSettings> CrossCompileGoSettingsBase => _ =>
    {
        var settings = _.SetPlatforms(Platforms).SetWorkingDirectory(Settings.UnderRoot(RootDirectory, GoModuleDirectory)).SetOutput(GoOutputPattern);
        return RequireStatic ? settings.EnableStatic() : settings;
    };

    /// <summary>Gets the hook that adjusts the Go build (cgo, tags, ldflags, libc...); applied after the base.</summary>
    Configure<GoBuildSettings> CrossCompileGoSettings => _ => _;

    /// <summary>Gets the target that cross-compiles.</summary>
    Target CrossCompileGo => _ => _
        .Description("Cross-compiles the Go program for every planned platform (verified as built)")
        .Produces(CrossBuildArtifactsDirectory / "bin" / "*" / "*")
        .Executes(async () =>
        {
            var report = await GoTasks.BuildAsync(Settings.Apply(new GoBuildSettings(), CrossCompileGoSettingsBase, CrossCompileGoSettings), ComponentLog.Write).ConfigureAwait(false);
            ComponentLog.Write(report.ToTable());
            report.EnsureSucceeded();
        });
}

using Nuke.Common;
using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Components;

/// <summary>Registers QEMU emulators (binfmt_misc) only for the platforms the plan emulates; skipped when none is.</summary>
public interface IEnsureEmulators : IHazPlatforms
{
    /// <summary>Gets whether the build stage runs under emulation (an image build whose Dockerfile does not cross-compile).</summary>
    bool EmulatesBuildStage => false;

    /// <summary>Gets the platforms that need an emulator on this machine.</summary>
    IReadOnlyList<Platform> EmulatorsNeeded => EmulatorTasks.Needed(
        MatrixTasks.Plan(Settings.Plan(this) with { EmulateBuildStage = EmulatesBuildStage }));

    /// <summary>Gets the target that registers the emulators.</summary>
    Target EnsureEmulators => _ => _
        .Description("Registers QEMU emulators for the platforms the plan emulates (none when everything cross-compiles)")
        .OnlyWhenDynamic(() => EmulatorsNeeded.Count > 0)
        .Executes(async () =>
        {
            foreach (var action in await EmulatorTasks.InstallAsync(EmulatorsNeeded).ConfigureAwait(false))
            {
                ComponentLog.Write($"emulator: {action.Platform} {action.Entry} {action.Action} ({action.Reason})");
            }
        });
}

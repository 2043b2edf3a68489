using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tooling;

namespace Nuke.CrossBuild.Matrix;

/// <summary>Plans build matrices: which platforms, crossed with which axes, and how the host builds each.</summary>
public static class MatrixTasks
{
    /// <summary>The GitHub-hosted runner for amd64 jobs.</summary>
    public const string Amd64Runner = "ubuntu-24.04";

    /// <summary>The GitHub-hosted runner for arm64 jobs.</summary>
    public const string Arm64Runner = "ubuntu-24.04-arm";

    /// <summary>Plans a matrix.</summary>
    /// <param name="configure">Configures the settings.</param>
    /// <returns>The entries, platforms in spec order, axes varying fastest.</returns>
    public static IReadOnlyList<MatrixEntry> Plan(Configure<MatrixSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Plan(configure(new MatrixSettings()));
    }

    /// <summary>Plans a matrix.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The entries, platforms in spec order, axes varying fastest.</returns>
    /// <exception cref="UnsupportedPlatformException">A spec is invalid, or the specs leave no platform.</exception>
    public static IReadOnlyList<MatrixEntry> Plan(MatrixSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var platforms = settings.Specs.Expand();
        if (platforms.Count == 0)
        {
            throw new UnsupportedPlatformException(string.Join(",", settings.Specs), "no platform left; give at least one platform or preset (e.g. common)");
        }

        var localHost = settings.Host ?? (settings.ShardByRunner ? null : BuildHost.Detect());
        var entries = new List<MatrixEntry>();
        foreach (var platform in platforms)
        {
            var runner = settings.ShardByRunner ? RunnerFor(platform) : null;
            var host = localHost ?? BuildHost.Assume(runner == Arm64Runner ? Platform.LinuxArm64 : Platform.LinuxAmd64);
            var mode = ModeOf(platform, host, settings);
            var registered = mode == BuildMode.Native || host.Emulated is null ? (bool?)null : host.Emulated.Contains(platform);
            foreach (var axes in Cross(settings.Axes))
            {
                entries.Add(new MatrixEntry { Platform = platform, Mode = mode, EmulatorRegistered = registered, Axes = axes, Runner = runner });
            }
        }

        return entries;
    }

    /// <summary>Works out how a host builds a platform.</summary>
    /// <param name="platform">The target.</param>
    /// <param name="host">The build host.</param>
    /// <param name="settings">Whether the build stage is emulated and what the toolchain can cross-compile.</param>
    /// <returns>The mode.</returns>
    public static BuildMode ModeOf(Platform platform, BuildHost host, MatrixSettings settings)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        if (host.RunsNatively(platform))
        {
            return BuildMode.Native;
        }

        return settings.EmulateBuildStage || settings.CanCrossCompile?.Invoke(platform) == false ? BuildMode.Emulated : BuildMode.Cross;
    }

    /// <summary>Picks the GitHub-hosted runner that builds a platform natively where one exists (arm64), else the amd64 runner.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The runner label.</returns>
    public static string RunnerFor(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return platform.Architecture == "arm64" ? Arm64Runner : Amd64Runner;
    }

    private static IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Cross(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> axes)
    {
        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> combos = [[]];
        foreach (var axis in axes)
        {
            combos = combos.SelectMany(c => axis.Value.Select(v => (IReadOnlyList<KeyValuePair<string, string>>)[.. c, new(axis.Key, v)])).ToList();
        }

        return combos;
    }
}

using System.Diagnostics.Contracts;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Platforms;
using static Nuke.CrossBuild.Internal.Guard;

namespace Nuke.CrossBuild.Matrix;

/// <summary>Fluent, copy-returning setters for <see cref="MatrixSettings"/>, in NUKE's vocabulary.</summary>
public static class MatrixSettingsExtensions
{
    /// <summary>Sets the platform specs.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="specs">Platforms, presets, wildcards or exclusions.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings SetPlatforms(this MatrixSettings settings, params string[] specs)
        => Required(settings) with { Specs = [.. specs] };

    /// <summary>Sets the platforms.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="platforms">The platforms.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings SetPlatforms(this MatrixSettings settings, params Platform[] platforms)
        => Required(settings) with { Specs = [.. platforms.Select(p => p.ToString())] };

    /// <summary>Adds platform specs.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="specs">Platforms, presets, wildcards or exclusions.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings AddPlatforms(this MatrixSettings settings, params string[] specs)
        => Required(settings) with { Specs = [.. settings.Specs, .. specs] };

    /// <summary>Excludes platforms (adds <c>!spec</c> entries).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="specs">Platforms, presets or wildcards to leave out.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings RemovePlatforms(this MatrixSettings settings, params string[] specs)
        => Required(settings) with { Specs = [.. settings.Specs, .. specs.Select(s => "!" + s)] };

    /// <summary>Clears the platform specs.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings ClearPlatforms(this MatrixSettings settings) => Required(settings) with { Specs = [] };

    /// <summary>Sets the build host the modes are computed for.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="host">The host.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings SetHost(this MatrixSettings settings, BuildHost host) => Required(settings) with { Host = host };

    /// <summary>Resets the build host to this machine.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings ResetHost(this MatrixSettings settings) => Required(settings) with { Host = null };

    /// <summary>Adds an axis crossed into every platform, e.g. <c>AddAxis("libc", "gnu", "musl")</c>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="name">The axis name.</param>
    /// <param name="values">Its values, in order.</param>
    /// <returns>A modified copy.</returns>
    /// <exception cref="ArgumentException">The axis has no values, or the name is taken.</exception>
    [Pure]
    public static MatrixSettings AddAxis(this MatrixSettings settings, string name, params string[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (values.Length == 0 || Required(settings).Axes.Any(a => a.Key == name) || name is "platform" or "mode" or "runner" or "slug")
        {
            throw new ArgumentException($"axis '{name}' needs at least one value and a name not used yet (platform, mode, runner and slug are taken)", nameof(name));
        }

        return settings with { Axes = [.. settings.Axes, new(name, values.Distinct().ToList())] };
    }

    /// <summary>Makes the build stage run on the target platform (under QEMU where the host cannot run it).</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings EnableEmulateBuildStage(this MatrixSettings settings) => Required(settings) with { EmulateBuildStage = true };

    /// <summary>Lets the build stage cross-compile (the default).</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings DisableEmulateBuildStage(this MatrixSettings settings) => Required(settings) with { EmulateBuildStage = false };

    /// <summary>Sets the test of whether the toolchain can cross-compile for a platform.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="canCrossCompile">The test.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings SetCanCrossCompile(this MatrixSettings settings, Func<Platform, bool> canCrossCompile)
        => Required(settings) with { CanCrossCompile = canCrossCompile };

    /// <summary>Gives each entry a native CI runner (arm64 entries an arm64 runner) and computes its mode there.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings EnableShardByRunner(this MatrixSettings settings) => Required(settings) with { ShardByRunner = true };

    /// <summary>Builds every entry on one host (the default).</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static MatrixSettings DisableShardByRunner(this MatrixSettings settings) => Required(settings) with { ShardByRunner = false };
}

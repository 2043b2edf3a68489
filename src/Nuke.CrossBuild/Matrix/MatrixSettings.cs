using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Matrix;

/// <summary>Immutable settings of a build matrix; change them with the fluent methods of <see cref="MatrixSettingsExtensions"/>.</summary>
public sealed record MatrixSettings
{
    /// <summary>Gets the platform specs (platforms, presets, wildcards, exclusions).</summary>
    public PlatformSelection Specs { get; init; } = PlatformSelection.AsBuilt;

    /// <summary>Gets the build host, or null for this machine.</summary>
    public BuildHost? Host { get; init; }

    /// <summary>Gets the extra axes crossed into every platform, in order (e.g. <c>libc: gnu, musl</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Axes { get; init; } = [];

    /// <summary>Gets whether the build stage must run on the target platform (no cross-compiling), as a Dockerfile without <c>--platform=$BUILDPLATFORM</c> does.</summary>
    public bool EmulateBuildStage { get; init; }

    /// <summary>Gets a test of whether the toolchain can cross-compile for a platform (e.g. a cgo C cross compiler exists); null means it always can.</summary>
    public Func<Platform, bool>? CanCrossCompile { get; init; }

    /// <summary>Gets whether each entry gets a native CI runner (amd64 or arm64) and its mode is computed for that runner.</summary>
    public bool ShardByRunner { get; init; }
}

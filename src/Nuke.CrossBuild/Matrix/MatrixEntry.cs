using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Matrix;

/// <summary>One job of a build matrix: a platform, the values of any extra axes, and how the host builds it.</summary>
public sealed record MatrixEntry
{
    /// <summary>Gets the target platform.</summary>
    public required Platform Platform { get; init; }

    /// <summary>Gets how the build host builds it.</summary>
    public required BuildMode Mode { get; init; }

    /// <summary>Gets the QEMU emulator that runs this platform's code, or null off Linux.</summary>
    public string? Emulator => Platform.Info.Qemu;

    /// <summary>Gets whether the build stage needs an emulator (only in <see cref="BuildMode.Emulated"/> mode).</summary>
    public bool EmulatorNeeded => Mode == BuildMode.Emulated;

    /// <summary>Gets whether running the built binaries on the host (tests, smoke runs) needs an emulator.</summary>
    public bool RunNeedsEmulator => Mode != BuildMode.Native;

    /// <summary>Gets whether an emulator for the platform is registered on the host, or null when not known or not relevant.</summary>
    public bool? EmulatorRegistered { get; init; }

    /// <summary>Gets the values of the extra axes crossed in (e.g. <c>libc=musl</c>), in axis order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Axes { get; init; } = [];

    /// <summary>Gets the CI runner label the job runs on, when the matrix was sharded by runner.</summary>
    public string? Runner { get; init; }
}

using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>The outcome of one platform's build.</summary>
public sealed record GoBuildResult
{
    /// <summary>Gets the target.</summary>
    public required Platform Platform { get; init; }

    /// <summary>Gets how it was built (native or cross; Go builds never emulate the compiler).</summary>
    public required BuildMode Mode { get; init; }

    /// <summary>Gets the invocation that ran, or null when the build did not start.</summary>
    public GoInvocation? Invocation { get; init; }

    /// <summary>Gets the C toolchain used for cgo, or null.</summary>
    public CToolchain? Toolchain { get; init; }

    /// <summary>Gets the wall-clock seconds of <c>go build</c>.</summary>
    public double Seconds { get; init; }

    /// <summary>Gets the wall-clock seconds of inspecting and verifying the output (0 when not verified now, or read from a record).</summary>
    public double VerifySeconds { get; init; }

    /// <summary>Gets the wall-clock seconds of the smoke run (0 when not run now, or read from a record).</summary>
    public double SmokeSeconds { get; init; }

    /// <summary>Gets the output's size in bytes, or null when there is none.</summary>
    public long? Size { get; init; }

    /// <summary>Gets whether the output is statically linked, or null when not known.</summary>
    public bool? Static { get; init; }

    /// <summary>Gets whether the output passed verification, or null when it was not verified.</summary>
    public bool? Verified { get; init; }

    /// <summary>Gets the verification problems.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Gets what the smoke run printed, or null when there was none.</summary>
    public string? SmokeOutput { get; init; }

    /// <summary>Gets how the smoke run ran (native, binfmt, qemu), or null.</summary>
    public string? SmokeHow { get; init; }

    /// <summary>Gets whether the verification and smoke verdicts were read from a <see cref="Verification.VerdictRecord"/> (the same binary passed under the same policy before) instead of judged now.</summary>
    public bool Recorded { get; init; }

    /// <summary>Gets why this platform failed, or null when it succeeded.</summary>
    public string? Error { get; init; }

    /// <summary>Gets whether the build was cancelled before or while running (fail-fast or Ctrl+C).</summary>
    public bool Cancelled { get; init; }

    /// <summary>Gets whether this platform succeeded.</summary>
    public bool Succeeded => Error is null && !Cancelled && Verified != false;
}

namespace Nuke.CrossBuild.Binfmt;

/// <summary>The outcome of running a target binary on the build host.</summary>
/// <param name="How">How it ran: <c>native</c>, <c>binfmt qemu-aarch64</c> or <c>qemu-aarch64-static</c>.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">What it printed (stdout then stderr).</param>
public sealed record BinaryRun(string How, int ExitCode, string Output);

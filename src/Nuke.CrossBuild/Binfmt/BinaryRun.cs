namespace Nuke.CrossBuild.Binfmt;

/// <summary>The outcome of running a target binary on the build host.</summary>
/// <param name="How">How it ran: <c>native</c>, <c>binfmt qemu-arm (cpu arm1176)</c> or <c>qemu-x86_64-static (cpu Nehalem)</c>.</param>
/// <param name="ExitCode">The exit code (128 + the signal when a signal ended it).</param>
/// <param name="Output">What it printed (stdout then stderr).</param>
public sealed record BinaryRun(string How, int ExitCode, string Output)
{
    /// <summary>Gets the signal that ended the run (e.g. <c>SIGILL</c>), or null when it exited.</summary>
    public string? Signal => ExitCode switch
    {
        132 => "SIGILL",
        134 => "SIGABRT",
        135 => "SIGBUS",
        136 => "SIGFPE",
        137 => "SIGKILL",
        139 => "SIGSEGV",
        _ => null,
    };

    /// <summary>Gets the outcome in words: <c>exit 0</c>, or <c>killed by SIGILL (illegal instruction): …</c>.</summary>
    public string Describe(string binary, Platforms.Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return Signal switch
        {
            "SIGILL" => $"killed by SIGILL (illegal instruction): {binary} uses instructions the {platform} CPU{(platform.Info.QemuCpuDescription is { } cpu ? $" ({cpu})" : string.Empty)} does not have"
                + (platform.Architecture == "arm" ? $"; build it with GOARM={platform.Info.Go.Goarm}" : platform.Architecture == "amd64" ? $"; build it with GOAMD64={platform.Info.Go.Goamd64}" : string.Empty),
            { } signal => $"killed by {signal}",
            null => $"exit {ExitCode}",
        };
    }
}

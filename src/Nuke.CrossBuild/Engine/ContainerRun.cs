namespace Nuke.CrossBuild.Engine;

/// <summary>The outcome of a container run.</summary>
/// <param name="ExitCode">The exit code (128 + the signal when a signal ended it).</param>
/// <param name="StdOut">Standard output.</param>
/// <param name="StdErr">Standard error.</param>
/// <param name="Cpu">The QEMU CPU model it ran as, or null when it ran natively or with QEMU's default.</param>
public sealed record ContainerRun(long ExitCode, string StdOut, string StdErr, string? Cpu)
{
    /// <summary>Gets standard output then standard error, trimmed.</summary>
    public string Output => (StdOut + StdErr).Trim();
}

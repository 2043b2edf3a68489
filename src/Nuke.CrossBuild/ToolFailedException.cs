namespace Nuke.CrossBuild;

/// <summary>An external tool (go, docker buildx, apt-get, a credential helper) ended with a non-zero exit code; carries the code and its last error lines.</summary>
public sealed class ToolFailedException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command, short enough for one line (e.g. <c>docker buildx build</c>).</param>
    /// <param name="exitCode">The tool's exit code.</param>
    /// <param name="errorLines">The last lines of its standard error, oldest first.</param>
    public ToolFailedException(string command, int exitCode, IReadOnlyList<string> errorLines)
        : base($"{command} failed with exit code {exitCode}: {(errorLines is { Count: > 0 } ? string.Join(" | ", errorLines) : "no error output")}")
        => (Command, ExitCode, ErrorLines) = (command, exitCode, errorLines ?? []);

    /// <summary>Creates the exception with a message of its own.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="command">The command.</param>
    /// <param name="exitCode">The tool's exit code.</param>
    /// <param name="errorLines">The last lines of its standard error.</param>
    public ToolFailedException(string message, string command, int exitCode, IReadOnlyList<string> errorLines)
        : base(message)
        => (Command, ExitCode, ErrorLines) = (command, exitCode, errorLines ?? []);

    /// <summary>Gets the command that failed.</summary>
    public string Command { get; }

    /// <summary>Gets its exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Gets the last lines of its standard error, oldest first.</summary>
    public IReadOnlyList<string> ErrorLines { get; }
}

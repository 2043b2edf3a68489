namespace Nuke.CrossBuild.Internal;

/// <summary>The result of running a tool: exit code and captured output.</summary>
internal sealed record ToolResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Gets the last non-blank lines of standard error, oldest first.</summary>
    public IReadOnlyList<string> ErrorLines(int count = 3)
        => [.. StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0).TakeLast(count)];

    /// <summary>Gets the last lines of standard error joined for one-line failure messages.</summary>
    public string LastErrorLines(int count = 1) => string.Join(" | ", ErrorLines(count));

    /// <summary>Throws <see cref="ToolFailedException"/> unless the tool succeeded.</summary>
    public ToolResult EnsureSucceeded(string command) => Succeeded ? this : throw new ToolFailedException(command, ExitCode, ErrorLines());
}

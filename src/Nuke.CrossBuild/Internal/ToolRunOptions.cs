namespace Nuke.CrossBuild.Internal;

/// <summary>How <see cref="Tool"/> runs a program.</summary>
internal sealed record ToolRunOptions
{
    /// <summary>Gets extra environment variables; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Gets the working directory, or null for the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets what to write to standard input (secrets go here, never into arguments); null closes it at once.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Gets a receiver for every output line as it comes, or null.</summary>
    public Action<string>? OnLine { get; init; }

    /// <summary>Gets how long a cancelled tool and its children have after SIGINT before they are killed.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets how many characters of each output stream's head, and of its tail, are kept (4 Mi each by default: far above
    /// what any parsed output holds); the middle of a longer output is dropped and counted.
    /// </summary>
    public int OutputBound { get; init; } = 4 * 1024 * 1024;
}

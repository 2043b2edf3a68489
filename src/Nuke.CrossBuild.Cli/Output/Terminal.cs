namespace Nuke.CrossBuild.Cli.Output;

/// <summary>
/// What the process's terminal takes: styled tables on standard output and live progress on standard error only when
/// each is a terminal, <c>NO_COLOR</c> is unset or empty and <c>TERM</c> is not <c>dumb</c>; plain lines otherwise
/// (files, pipes, CI logs). In-process runs (tests) are plain.
/// </summary>
/// <param name="StyledOutput">Whether tables on standard output get borders and colours.</param>
/// <param name="LiveProgress">Whether standard error shows live per-platform progress instead of log lines.</param>
/// <param name="Width">The terminal's width in columns.</param>
internal sealed record Terminal(bool StyledOutput, bool LiveProgress, int Width)
{
    private static readonly AsyncLocal<Terminal?> CurrentValue = new();

    /// <summary>Gets plain output: no escape sequences anywhere.</summary>
    public static Terminal Plain { get; } = new(false, false, 80);

    /// <summary>Gets or sets the terminal of this run (plain unless the process entry point detected one).</summary>
    public static Terminal Current
    {
        get => CurrentValue.Value ?? Plain;
        set => CurrentValue.Value = value;
    }

    /// <summary>Decides from the streams and the environment.</summary>
    public static Terminal Detect(bool outputRedirected, bool errorRedirected, Func<string, string?> environment, int width)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var colour = environment("NO_COLOR") is not { Length: > 0 } && environment("TERM") is not "dumb";
        return new Terminal(colour && !outputRedirected, colour && !errorRedirected, width > 0 ? width : 80);
    }

    /// <summary>Detects the console this process runs in.</summary>
    public static Terminal FromConsole()
    {
        int width;
        try
        {
            width = Console.IsOutputRedirected && Console.IsErrorRedirected ? 0 : Console.WindowWidth;
        }
        catch (IOException)
        {
            width = 0;
        }

        return Detect(Console.IsOutputRedirected, Console.IsErrorRedirected, Environment.GetEnvironmentVariable, width);
    }
}

using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// What shell script a RUN runs, here-documents included: <c>RUN &lt;&lt;EOF</c> (the body, unless its <c>#!</c> line names
/// another interpreter), <c>RUN &lt;&lt;EOF bash</c> (the body, read by that shell), <c>RUN python3 &lt;&lt;EOF</c> (not a shell
/// body: only the command line), <c>RUN cat &lt;&lt;EOF &gt; f</c> (the command line; the body is data).
/// </summary>
internal static partial class RunScripts
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "zsh", "ksh" };

    /// <summary>Returns the shell script a RUN runs (flags removed), or null when it runs something else (exec form of another program is still returned).</summary>
    public static string? ShellOf(DockerfileInstruction run)
    {
        var command = StripFlags(run.Arguments);
        if (run.Heredocs.Count == 0)
        {
            return command;
        }

        var rest = HeredocMarker().Replace(command, string.Empty).Trim();
        var words = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var program = words.Length == 0 ? null : Program(words);
        if (program is null || (Shells.Contains(program) && !words.Contains("-c")))
        {
            var body = run.Heredocs[0].Body;
            return program is null && Shebang(body) is { } interpreter && !Shells.Contains(interpreter) ? null : body;
        }

        return rest;
    }

    /// <summary>Returns the program a script's <c>#!</c> line names (<c>#!/usr/bin/env python3</c> → python3), or null.</summary>
    public static string? Shebang(string body)
    {
        if (!body.StartsWith("#!", StringComparison.Ordinal))
        {
            return null;
        }

        var words = body[2..].Split('\n')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? null : Program(words);
    }

    /// <summary>Removes RUN's <c>--mount</c>/<c>--network</c>/<c>--security</c> flags.</summary>
    public static string StripFlags(string arguments)
    {
        var rest = arguments.TrimStart();
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.IndexOfAny([' ', '\t']);
            rest = end < 0 ? string.Empty : rest[end..].TrimStart();
        }

        return rest;
    }

    private static string Program(string[] words)
    {
        var index = words[0].EndsWith("env", StringComparison.Ordinal) && words[0] is "env" or "/usr/bin/env" or "/bin/env" ? Array.FindIndex(words, 1, w => !w.StartsWith('-') && !w.Contains('=', StringComparison.Ordinal)) : 0;
        var word = index < 0 ? words[0] : words[index];
        return word[(word.LastIndexOf('/') + 1)..];
    }

    [GeneratedRegex(@"(?<![<\w)])<<(-?)([""']?)([A-Za-z_][A-Za-z0-9_.\-/]*)\2(?!<)")]
    private static partial Regex HeredocMarker();
}

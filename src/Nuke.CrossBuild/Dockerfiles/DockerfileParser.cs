using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// Splits a Dockerfile into instructions the way BuildKit does: parser directives (<c># syntax=</c>, <c># escape=</c>,
/// <c># check=</c>) only at the very top; the escape character (backslash or backtick) ending a line continues it, and
/// comment or empty lines inside a continuation are dropped; the here-documents of RUN, COPY and ADD (several per line,
/// <c>&lt;&lt;-</c>, quoted delimiters) are read as bodies, never as instructions.
/// </summary>
internal static partial class DockerfileParser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    };

    /// <summary>Parses a Dockerfile.</summary>
    /// <exception cref="DockerfileFormatException">The text is empty, binary, has no FROM or an unknown instruction.</exception>
    public static ParsedDockerfile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\0', StringComparison.Ordinal) || text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            throw new DockerfileFormatException("expected a Dockerfile (text), got binary data");
        }

        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        var directives = Directives(lines);
        var escape = directives.TryGetValue("escape", out var e) && e.Value == "`" ? '`' : '\\';
        var result = new List<DockerfileInstruction>();
        var stage = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                result.Add(new DockerfileInstruction(i + 1, "#", line[1..].Trim(), stage));
                continue;
            }

            var start = i;
            var joined = Join(lines, ref i, escape);
            var space = joined.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? joined : joined[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : joined[(space + 1)..].Trim();
            if (!Keywords.Contains(keyword))
            {
                throw new DockerfileFormatException($"expected a Dockerfile instruction at line {start + 1}, got '{Shorten(joined)}'");
            }

            stage += keyword == "FROM" ? 1 : 0;
            if (stage < 0 && keyword != "ARG")
            {
                throw new DockerfileFormatException($"expected FROM (or ARG) as the first instruction, got {keyword} at line {start + 1}");
            }

            var heredocs = keyword is "RUN" or "COPY" or "ADD" ? ReadHeredocs(arguments, lines, ref i) : [];
            result.Add(new DockerfileInstruction(start + 1, keyword, arguments, stage) { Heredocs = heredocs });
        }

        if (stage < 0)
        {
            throw new DockerfileFormatException(result.All(i => i.Keyword == "#") ? "expected a Dockerfile, got a file with no instructions" : "expected a Dockerfile with a FROM instruction, got none");
        }

        return new ParsedDockerfile(directives, escape, result);
    }

    private static Dictionary<string, (string Value, int Line)> Directives(string[] lines)
    {
        var directives = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < lines.Length && Directive().Match(lines[i]) is { Success: true } m; i++)
        {
            directives.TryAdd(m.Groups[1].Value.ToLowerInvariant(), (m.Groups[2].Value.Trim(), i + 1));
        }

        if (directives.TryGetValue("escape", out var escape) && escape.Value is not ("\\" or "`"))
        {
            throw new DockerfileFormatException($"expected '# escape=' to be \\ or `, got '{escape.Value}'");
        }

        return directives;
    }

    // Joins a logical line: the escape character at the end continues it; comment and empty lines inside are dropped.
    private static string Join(string[] lines, ref int i, char escape)
    {
        var joined = lines[i].Trim();
        while (joined.EndsWith(escape) && i + 1 < lines.Length)
        {
            joined = joined[..^1].TrimEnd();
            var next = lines[++i].Trim();
            while ((next.Length == 0 || next.StartsWith('#')) && i + 1 < lines.Length)
            {
                next = lines[++i].Trim();
            }

            joined = next.StartsWith('#') ? joined : joined + " " + next;
        }

        return joined.TrimEnd(escape).TrimEnd();
    }

    private static List<Heredoc> ReadHeredocs(string arguments, string[] lines, ref int i)
    {
        var heredocs = new List<Heredoc>();
        foreach (Match marker in HeredocMarker().Matches(arguments))
        {
            var name = marker.Groups[3].Value;
            var strip = marker.Groups[1].Value == "-";
            var body = new List<string>();
            var first = i + 2;
            while (++i < lines.Length)
            {
                var line = strip ? lines[i].TrimStart('\t') : lines[i];
                if (line.TrimEnd() == name)
                {
                    break;
                }

                body.Add(line);
            }

            heredocs.Add(new Heredoc(name, string.Join('\n', body), first));
        }

        return heredocs;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^#\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(\S.*?)\s*$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"(?<![<\w)])<<(-?)([""']?)([A-Za-z_][A-Za-z0-9_.\-/]*)\2(?!<)")]
    private static partial Regex HeredocMarker();
}

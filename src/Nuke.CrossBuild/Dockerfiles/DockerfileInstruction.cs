namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>One instruction of a Dockerfile, continuation lines joined.</summary>
/// <param name="Line">The 1-based line it starts on.</param>
/// <param name="Keyword">The upper-case keyword (<c>FROM</c>, <c>RUN</c>, ...).</param>
/// <param name="Arguments">The rest of the instruction, on one line.</param>
/// <param name="Stage">The index of the stage it belongs to (-1 before the first FROM).</param>
public sealed record DockerfileInstruction(int Line, string Keyword, string Arguments, int Stage)
{
    /// <summary>Splits a Dockerfile into instructions, joining backslash continuations and skipping comments.</summary>
    /// <param name="text">The Dockerfile.</param>
    /// <returns>The instructions, plus <c>#</c> directive/comment lines as keyword <c>#</c>.</returns>
    public static IReadOnlyList<DockerfileInstruction> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<DockerfileInstruction>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
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
            var joined = line;
            while (joined.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                joined = joined[..^1].TrimEnd() + (next.StartsWith('#') ? string.Empty : " " + next);
            }

            var space = joined.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? joined : joined[..space]).ToUpperInvariant();
            stage += keyword == "FROM" ? 1 : 0;
            result.Add(new DockerfileInstruction(start + 1, keyword, space < 0 ? string.Empty : joined[(space + 1)..].Trim(), stage));
        }

        return result;
    }
}

using System.Text;

namespace Nuke.CrossBuild.Cli;

/// <summary>Renders rows as a plain aligned text table.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            var line = string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c])));
            text.AppendLine(line.TrimEnd());
        }

        return text.ToString().TrimEnd('\n');
    }
}

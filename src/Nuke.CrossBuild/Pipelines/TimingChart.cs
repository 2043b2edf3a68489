using System.Globalization;
using System.Security;
using System.Text;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>Draws the publish rows' seconds as a horizontal bar chart in SVG, one bar per image and platform, coloured by mode.</summary>
public static class TimingChart
{
    private const int LabelWidth = 300;
    private const int BarArea = 420;
    private const int RowHeight = 20;
    private const int Top = 40;

    /// <summary>Gets the colour of each build mode's bars.</summary>
    public static IReadOnlyDictionary<string, string> Colors { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["native"] = "#2e7d32", ["cross"] = "#1565c0", ["emulated"] = "#e65100",
    };

    /// <summary>Renders the chart.</summary>
    /// <param name="title">The title at the top.</param>
    /// <param name="rows">The rows; those without seconds are drawn without a bar.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(string title, IReadOnlyList<PublishRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var max = Math.Max(rows.Select(r => r.Seconds ?? 0).DefaultIfEmpty(0).Max(), 0.001);
        var height = Top + (rows.Count * RowHeight) + 40;
        var width = LabelWidth + BarArea + 80;
        var svg = new StringBuilder();
        void Line(string text) => svg.AppendLine(text);
        string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        Line($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Line($"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        Line($"<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{SecurityElement.Escape(title)}</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = Top + (i * RowHeight);
            var length = (row.Seconds ?? 0) / max * BarArea;
            Line($"<text x=\"{LabelWidth - 8}\" y=\"{y + 14}\" text-anchor=\"end\">{SecurityElement.Escape($"{row.Image} {row.Platform}")}</text>");
            Line($"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{N(length)}\" height=\"{RowHeight - 6}\" fill=\"{Colors.GetValueOrDefault(row.Mode, "#757575")}\"><title>{SecurityElement.Escape($"{row.Mode}, {row.Seconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-"} s")}</title></rect>");
            Line($"<text x=\"{N(LabelWidth + length + 6)}\" y=\"{y + 14}\">{(row.Seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-")}{(row.Verified ? string.Empty : " NOT VERIFIED")}</text>");
        }

        var legendY = Top + (rows.Count * RowHeight) + 20;
        var x = LabelWidth;
        foreach (var (mode, color) in Colors)
        {
            Line($"<rect x=\"{x}\" y=\"{legendY - 10}\" width=\"12\" height=\"12\" fill=\"{color}\"/><text x=\"{x + 16}\" y=\"{legendY}\">{mode}</text>");
            x += 90;
        }

        Line("</svg>");
        return svg.ToString();
    }
}

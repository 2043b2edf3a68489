using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Nuke.CrossBuild.Reports;

/// <summary>
/// A summary table (header and rows of text cells), rendered by Spectre.Console: aligned plain text for logs and files,
/// a bordered and coloured table on a terminal, and a Markdown table for GitHub job summaries. Every summary the CLI,
/// the Cake aliases and the NUKE components print is one of these.
/// </summary>
public sealed class SummaryTable
{
    // Wide enough that no cell ever wraps in plain text; a terminal uses its own width.
    private const int PlainWidth = 4096;

    /// <summary>Creates a table.</summary>
    /// <param name="header">The column names.</param>
    /// <param name="rows">The rows; each has at most as many cells as the header (missing cells are empty).</param>
    /// <exception cref="ArgumentException">A row has more cells than the header.</exception>
    public SummaryTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        Header = header;
        Rows = [.. rows];
        if (Rows.FirstOrDefault(r => r.Count > header.Count) is { } wide)
        {
            throw new ArgumentException($"expected at most {header.Count} cells in a row, got {wide.Count}", nameof(rows));
        }
    }

    /// <summary>Gets the column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Gets the rows.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Renders aligned plain text: columns two spaces apart, no borders, no escape sequences, no trailing spaces.</summary>
    /// <returns>The header line and one line per row.</returns>
    public string ToText()
    {
        using var writer = new StringWriter();
        Write(writer, styled: false);
        return writer.ToString().TrimEnd('\n');
    }

    /// <summary>Renders a Markdown table (pipes in cells escaped), as GitHub job summaries show it.</summary>
    /// <returns>The Markdown.</returns>
    public string ToMarkdown()
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", Header.Select(Cell)).AppendLine(" |");
        text.Append('|').AppendJoin(string.Empty, Header.Select(_ => "---|")).AppendLine();
        foreach (var row in Rows)
        {
            text.Append("| ").AppendJoin(" | ", Enumerable.Range(0, Header.Count).Select(c => Cell(c < row.Count ? row[c] : string.Empty))).AppendLine(" |");
        }

        return text.ToString();
    }

    /// <summary>Writes the table to a writer, styled (rounded border, colours, the writer's terminal width) or as plain text.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="styled">Whether the writer is a terminal that takes ANSI escape sequences.</param>
    /// <param name="width">The terminal's width when styled, or null for 80.</param>
    public void Write(TextWriter writer, bool styled, int? width = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (styled)
        {
            // Borders cost three columns per column: a table that would not fit keeps its colours and drops them.
            var columns = Enumerable.Range(0, Header.Count).Select(c => Rows.Select(r => c < r.Count ? r[c].Length : 0).Append(Header[c].Length).Max()).ToList();
            var bordered = columns.Sum() + (3 * columns.Count) + 1 <= (width ?? 80);
            Console(writer, styled: true, width ?? 80).Write(ToRenderable(styled: true, bordered));
            return;
        }

        // Spectre pads every cell to its column's width; plain text ends its lines at the last character.
        using var buffer = new StringWriter();
        Console(buffer, styled: false, PlainWidth).Write(ToRenderable(styled: false));
        foreach (var line in buffer.ToString().Split('\n'))
        {
            if (line.TrimEnd() is { Length: > 0 } trimmed)
            {
                writer.WriteLine(trimmed);
            }
        }
    }

    /// <summary>Makes a Spectre.Console console over a writer: ANSI and colours only when styled, never interactive.</summary>
    internal static IAnsiConsole Console(TextWriter writer, bool styled, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = styled ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = styled ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        return console;
    }

    /// <summary>Builds the Spectre.Console table (the CLI's live views reuse the styling); borders only when styled and asked for.</summary>
    internal IRenderable ToRenderable(bool styled, bool bordered = true)
    {
        var table = new Table();
        bordered &= styled;
        if (bordered)
        {
            table.RoundedBorder();
        }
        else
        {
            table.NoBorder();
        }

        for (var c = 0; c < Header.Count; c++)
        {
            var column = new TableColumn(new Text(Header[c], styled ? new Style(decoration: Decoration.Bold) : Style.Plain)).NoWrap();
            table.AddColumn(bordered ? column : column.Padding(0, 0, c == Header.Count - 1 ? 0 : 2, 0));
        }

        foreach (var row in Rows)
        {
            table.AddRow(Enumerable.Range(0, Header.Count).Select(c => (IRenderable)new Text(c < row.Count ? row[c] : string.Empty, styled ? CellStyle(c < row.Count ? row[c] : string.Empty) : Style.Plain)));
        }

        return table;
    }

    // The words the summaries use for outcomes, coloured the way build tools colour them.
    private static Style CellStyle(string cell) => cell switch
    {
        "FAILED" or "NO" or "NOT registered" or "failed" => new Style(Color.Red),
        "cancelled" or "skipped" => new Style(Color.Yellow),
        "yes" or "ok" or "done" or "registered" => new Style(Color.Green),
        "building" or "verifying" or "smoke" => new Style(Color.Blue),
        _ => Style.Plain,
    };
}

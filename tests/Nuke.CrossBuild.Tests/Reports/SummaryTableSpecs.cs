using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Tests.Reports;

/// <summary>One table renderer (Spectre.Console) for every summary: plain aligned text, a styled terminal table, Markdown.</summary>
public sealed class SummaryTableSpecs
{
    private static readonly SummaryTable Table = new(
        ["platform", "mode", "verified"],
        [["linux/amd64", "native", "yes"], ["linux/arm/v6", "cross", "FAILED"], ["linux/s390x", "emulated"]]);

    [Fact]
    public void Plain_text_aligns_columns_two_spaces_apart_with_no_borders_or_trailing_spaces()
    {
        Assert.Equal(
            """
            platform      mode      verified
            linux/amd64   native    yes
            linux/arm/v6  cross     FAILED
            linux/s390x   emulated
            """.ReplaceLineEndings("\n"),
            Table.ToText().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Plain_text_never_wraps_a_long_cell()
    {
        var cell = new string('x', 300);

        var text = new SummaryTable(["a", "b"], [[cell, "y"]]).ToText();

        Assert.Equal(2, text.Split('\n').Length);
        Assert.Contains(cell + "  y", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_has_no_escape_sequences()
    {
        using var writer = new StringWriter();

        Table.Write(writer, styled: false);

        Assert.DoesNotContain('\u001b', writer.ToString());
    }

    [Fact]
    public void A_styled_table_has_a_border_and_colours_failures_red()
    {
        using var writer = new StringWriter();

        Table.Write(writer, styled: true, width: 100);

        var text = writer.ToString();
        Assert.Contains("╭", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[91mFAILED\u001b[0m", text, StringComparison.Ordinal); // bright red
        Assert.Contains("\u001b[32myes\u001b[0m", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_styled_table_too_wide_for_the_terminal_keeps_its_colours_and_drops_its_borders()
    {
        using var writer = new StringWriter();

        Table.Write(writer, styled: true, width: 36);

        var lines = writer.ToString().TrimEnd('\n').Split('\n');
        Assert.DoesNotContain("╭", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length); // no wrapped cells
        Assert.Contains("\u001b[91mFAILED\u001b[0m", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_escapes_pipes_and_fills_missing_cells()
    {
        var markdown = new SummaryTable(["a", "b"], [["x|y"]]).ToMarkdown();

        Assert.Equal("| a | b |\n|---|---|\n| x\\|y |  |\n", markdown.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_row_wider_than_the_header_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new SummaryTable(["a"], [["1", "2"]]));

        Assert.StartsWith("expected at most 1 cells in a row, got 2", e.Message, StringComparison.Ordinal);
    }
}

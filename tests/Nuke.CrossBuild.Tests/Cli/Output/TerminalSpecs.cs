using Nuke.CrossBuild.Cli.Output;

namespace Nuke.CrossBuild.Tests.Cli.Output;

/// <summary>Styled tables and live progress only on a terminal that wants them.</summary>
public sealed class TerminalSpecs
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) => name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void A_terminal_on_both_streams_gets_styled_tables_and_live_progress()
        => Assert.Equal(new Terminal(true, true, 120), Terminal.Detect(false, false, Env(("TERM", "xterm-256color")), 120));

    [Theory]
    [InlineData(true, false, false, true)]
    [InlineData(false, true, true, false)]
    [InlineData(true, true, false, false)]
    public void Each_stream_is_styled_only_when_it_is_a_terminal(bool outputRedirected, bool errorRedirected, bool styled, bool live)
    {
        var terminal = Terminal.Detect(outputRedirected, errorRedirected, Env(("TERM", "xterm")), 100);

        Assert.Equal((styled, live), (terminal.StyledOutput, terminal.LiveProgress));
    }

    [Theory]
    [InlineData("NO_COLOR", "1")]
    [InlineData("NO_COLOR", "0")] // any non-empty value counts (no-color.org)
    [InlineData("TERM", "dumb")]
    public void No_color_or_a_dumb_terminal_means_plain_lines(string name, string value)
    {
        var terminal = Terminal.Detect(false, false, Env((name, value)), 100);

        Assert.Equal(new Terminal(false, false, 100), terminal);
    }

    [Fact]
    public void An_empty_no_color_does_not_count()
        => Assert.True(Terminal.Detect(false, false, Env(("NO_COLOR", "")), 100).LiveProgress);

    [Fact]
    public void An_unknown_width_is_80_columns()
        => Assert.Equal(80, Terminal.Detect(false, false, Env(), 0).Width);

    [Fact]
    public void In_process_runs_are_plain()
        => Assert.Equal(Terminal.Plain, Terminal.Current);
}

using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Cli.Output;

/// <summary>Writes summary tables to standard output the way <see cref="Terminal.Current"/> allows.</summary>
internal static class TableOutput
{
    /// <summary>Writes a table: styled on a terminal, aligned plain text otherwise.</summary>
    public static void WriteTable(this TextWriter writer, SummaryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var terminal = Terminal.Current;
        table.Write(writer, terminal.StyledOutput, terminal.Width);
    }
}

using System.Globalization;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>The outcomes of a Go build over a platform matrix.</summary>
/// <param name="Results">One result per platform, in matrix order.</param>
public sealed record GoBuildReport(IReadOnlyList<GoBuildResult> Results)
{
    private static readonly string[] Header = ["platform", "mode", "seconds", "size", "static", "verified", "smoke"];

    /// <summary>Gets whether every platform succeeded.</summary>
    public bool Succeeded => Results.All(r => r.Succeeded);

    /// <summary>Throws when any platform failed.</summary>
    /// <returns>This report.</returns>
    /// <exception cref="GoBuildException">Some platform failed; the message names each.</exception>
    public GoBuildReport EnsureSucceeded() => Succeeded
        ? this
        : throw new GoBuildException(string.Join(Environment.NewLine, Results.Where(r => !r.Succeeded).Select(r => $"{r.Platform}: {r.Error ?? (r.Cancelled ? "cancelled" : string.Join("; ", r.Problems))}")));

    /// <summary>Makes the summary table: platform, mode, seconds, size, static, verified, smoke.</summary>
    /// <returns>The table.</returns>
    public SummaryTable ToSummaryTable() => new(Header, Results.Select(r => (IReadOnlyList<string>)
    [
        r.Platform.ToString(),
        MatrixJson.ModeName(r.Mode),
        r.Invocation is null ? "-" : r.Seconds.ToString("0.0", CultureInfo.InvariantCulture),
        r.Size is { } size ? ByteSizes.Format(size) : "-",
        r.Static switch { true => "yes", false => "no", null => "-" },
        r.Cancelled ? "cancelled" : r.Error is not null ? "FAILED" : r.Verified switch { true => r.Recorded ? "yes (recorded)" : "yes", false => "NO", null => r.Recorded ? "recorded" : "-" },
        r.SmokeOutput is null ? "-" : Shorten(r.SmokeOutput),
    ]));

    /// <summary>Renders the summary table as aligned plain text.</summary>
    /// <returns>Aligned text.</returns>
    public string ToTable() => ToSummaryTable().ToText();

    private static string Shorten(string text)
    {
        var line = text.Split('\n')[0];
        return line.Length > 60 ? line[..57] + "..." : line;
    }
}

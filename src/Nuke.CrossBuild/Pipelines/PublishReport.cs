using System.Globalization;
using System.Text;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Reports;
using Nuke.CrossBuild.Toolchains.Go;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>The table that ends a publish: one row per image and platform, as text, Markdown and a timing chart.</summary>
public static class PublishReport
{
    private static readonly string[] Headers = ["image", "platform", "mode", "seconds", "size", "static", "verified", "signed", "digest"];

    /// <summary>Makes the rows of one pipeline run, in the image index's order.</summary>
    /// <param name="image">The name to show for the image.</param>
    /// <param name="result">The pipeline's result.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<PublishRow> Rows(string image, PipelineResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var modes = result.Plan.GroupBy(e => e.Platform.ToString()).ToDictionary(g => g.Key, g => MatrixJson.ModeName(g.First().Mode), StringComparer.Ordinal);
        return [.. (result.Verification?.Entries ?? []).Where(e => e.Platform is not null).Select(e =>
        {
            var platform = e.Platform!.ToString();
            double? seconds = result.PlatformSeconds.TryGetValue(platform, out var s) ? s : null;
            return new PublishRow(image, platform, modes.GetValueOrDefault(platform, "?"), seconds, e.Size, e.Binary?.Report.IsStatic, e.Ok, e.ManifestDigest)
            {
                Pushed = result.Digest is not null, Signature = result.Signature,
            };
        })];
    }

    /// <summary>Makes the rows of a daemonless publish: the Go matrix's build of each platform and its assembled image.</summary>
    /// <param name="image">The name to show for the image.</param>
    /// <param name="build">The Go matrix build (mode, seconds, static, the binary's verification).</param>
    /// <param name="assembly">The assembled image (size, the image's verification, manifest digest).</param>
    /// <param name="pushed">Whether the assembly pushed the image (the signed column shows "-" for an image that was not).</param>
    /// <returns>The rows, in the image's platform order; seconds are the <c>go build</c> seconds.</returns>
    public static IReadOnlyList<PublishRow> Rows(string image, GoBuildReport build, ImageAssembly assembly, bool pushed = false)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(assembly);
        var built = build.Results.ToDictionary(r => r.Platform);
        return [.. assembly.Verification.Entries.Where(e => e.Platform is not null).Select(e =>
        {
            var go = built.GetValueOrDefault(e.Platform!);
            return new PublishRow(image, e.Platform!.ToString(), go is null ? "?" : MatrixJson.ModeName(go.Mode), go?.Seconds, e.Size,
                e.Binary?.Report.IsStatic ?? go?.Static, e.Ok && go?.Verified != false, e.ManifestDigest)
            {
                Pushed = pushed || assembly.Signature is not null, Signature = assembly.Signature,
            };
        })];
    }

    /// <summary>Renders the rows as an aligned plain-text table.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The table, one line per row after the header.</returns>
    public static string ToText(IEnumerable<PublishRow> rows) => new SummaryTable(Headers, Cells(rows)).ToText() + Environment.NewLine;

    /// <summary>Renders the rows as a Markdown summary with a title and totals.</summary>
    /// <param name="title">The heading.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="chart">A relative path to the timing chart to embed, or null.</param>
    /// <returns>The Markdown.</returns>
    public static string ToMarkdown(string title, IReadOnlyList<PublishRow> rows, string? chart = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder().Append("# ").AppendLine(title).AppendLine();
        var failed = rows.Count(r => !r.Verified);
        text.AppendLine(CultureInfo.InvariantCulture, $"{rows.Select(r => r.Image).Distinct().Count()} images, {rows.Count} platform images, {(failed == 0 ? "all verified" : $"{failed} failed verification")}.").AppendLine();
        if (chart is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"![seconds per platform]({chart})").AppendLine();
        }

        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Concat(Headers.Select(h => h is "seconds" or "size" ? "---:|" : "---|")));
        foreach (var cell in Cells(rows))
        {
            cell[^1] = $"`{cell[^1]}`";
            text.AppendLine("| " + string.Join(" | ", cell) + " |");
        }

        return text.AppendLine().AppendLine("seconds: BuildKit's step time for the platform (steps before the platform split count for the build platform; cached steps count 0).").ToString();
    }

    private static List<string[]> Cells(IEnumerable<PublishRow> rows) => [.. rows.Select(r => new[]
    {
        r.Image, r.Platform, r.Mode, r.Seconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-", ByteSizes.Format(r.Size),
        r.Static switch { true => "yes", false => "no", null => "-" }, r.Verified ? "yes" : "NO", Signed(r), r.Digest.Length > 19 ? r.Digest[..19] : r.Digest,
    })];

    // "yes" with the signature's tag (shortened as the digest is), "no" for a pushed image left unsigned, "-" when nothing was pushed.
    private static string Signed(PublishRow row) => row.Signature is { } tag
        ? "yes " + (tag.Length > 23 ? $"{tag[..19]}….sig" : tag)
        : row.Pushed ? "no" : "-";
}

using System.Xml.Linq;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Reports;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Reports;

public sealed class PublishReportSpecs
{
    private static readonly PublishRow[] Rows =
    [
        new("app", "linux/amd64", "native", 2.24, 1_258_291, true, true, "sha256:db20d8bcfb58aec8c6a4398f3eeff7651c9aa84cd3180f043b069169124ef454")
        {
            Pushed = true, Signature = "sha256-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.sig",
        },
        new("app", "linux/arm/v7", "cross", 14.0, 733_900, false, false, "sha256:24d0484ec9ece3c4de23482442b9211a470feeaa1b5aa4aed8885abf1a86b44d") { Pushed = true },
        new("app<&>", "linux/riscv64", "emulated", null, 900, null, true, "sha256:c39d"),
    ];

    [Fact]
    public void Rows_join_the_plan_modes_the_step_seconds_and_each_platforms_verification()
    {
        var arm = Platform.Parse("linux/arm/v7");
        var result = new PipelineResult
        {
            Plan = [new MatrixEntry { Platform = Platform.LinuxAmd64, Mode = BuildMode.Native }, new MatrixEntry { Platform = arm, Mode = BuildMode.Cross }],
            Image = "127.0.0.1:5000/app:1",
            Digest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            Signature = "sha256-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.sig",
            PlatformSeconds = new Dictionary<string, double> { ["linux/amd64"] = 3.5 },
            Verification = new ImageVerification
            {
                Image = "out/oci", Platforms = ["linux/amd64", "linux/arm/v7"], Problems = ["arm is wrong"],
                Entries =
                [
                    new ImagePlatformVerification(Platform.LinuxAmd64, "sha256:aa", "/app", new BinaryVerification(new BinaryReport { File = "app", IsStatic = true }, Platform.LinuxAmd64, true, []), []) { Size = 2048 },
                    new ImagePlatformVerification(arm, "sha256:bb", null, null, ["arm is wrong"]) { Size = 10 },
                ],
            },
        };

        var rows = PublishReport.Rows("app", result);

        const string Signature = "sha256-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.sig";
        Assert.Equal(new PublishRow("app", "linux/amd64", "native", 3.5, 2048, true, true, "sha256:aa") { Pushed = true, Signature = Signature }, rows[0]);
        Assert.Equal(new PublishRow("app", "linux/arm/v7", "cross", null, 10, null, false, "sha256:bb") { Pushed = true, Signature = Signature }, rows[1]);
    }

    [Fact]
    public void The_text_table_is_aligned_with_short_digests_and_marks_failures()
    {
        var lines = PublishReport.ToText(Rows).TrimEnd().Split(Environment.NewLine);

        Assert.Equal("image   platform       mode      seconds  size       static  verified  signed                        digest", lines[0]);
        Assert.Equal("app     linux/amd64    native    2.2      1.2 MiB    yes     yes       yes sha256-9f86d081884c….sig  sha256:db20d8bcfb58", lines[1]);
        Assert.Equal("app     linux/arm/v7   cross     14.0     716.7 KiB  no      NO        no                            sha256:24d0484ec9ec", lines[2]);
        Assert.Equal("app<&>  linux/riscv64  emulated  -        900 B      -       yes       -                             sha256:c39d", lines[3]);
    }

    [Fact]
    public void The_markdown_summary_counts_images_and_failures_and_embeds_the_chart()
    {
        var markdown = PublishReport.ToMarkdown("Publish", Rows, "publish-timings.svg");

        Assert.Contains("2 images, 3 platform images, 1 failed verification.", markdown, StringComparison.Ordinal);
        Assert.Contains("![seconds per platform](publish-timings.svg)", markdown, StringComparison.Ordinal);
        Assert.Contains("| app | linux/arm/v7 | cross | 14.0 | 716.7 KiB | no | NO | no | `sha256:24d0484ec9ec` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| app | linux/amd64 | native | 2.2 | 1.2 MiB | yes | yes | yes sha256-9f86d081884c….sig | `sha256:db20d8bcfb58` |", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(6_291_456, "6.0 MiB")]
    public void Sizes_are_shown_in_binary_units(long bytes, string expected) => Assert.Equal(expected, ByteSizes.Format(bytes));

    [Fact]
    public void The_chart_is_well_formed_svg_with_one_bar_per_row_scaled_to_the_slowest_and_coloured_by_mode()
    {
        var svg = XDocument.Parse(TimingChart.ToSvg("Publish <all>", Rows));
        XNamespace ns = "http://www.w3.org/2000/svg";

        var bars = svg.Descendants(ns + "rect").Where(r => r.Element(ns + "title") is not null).ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal("420", bars[1].Attribute("width")!.Value);
        Assert.Equal("67.2", bars[0].Attribute("width")!.Value);
        Assert.Equal("0", bars[2].Attribute("width")!.Value);
        Assert.Equal([TimingChart.Colors["native"], TimingChart.Colors["cross"], TimingChart.Colors["emulated"]], bars.Select(b => b.Attribute("fill")!.Value));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "app<&> linux/riscv64");
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "14.0 s NOT VERIFIED");
    }

    [Fact]
    public void A_pipeline_that_pushed_nothing_has_no_signed_cell_and_an_unsigned_push_says_no()
    {
        var layout = new PipelineResult { Plan = [new MatrixEntry { Platform = Platform.LinuxAmd64, Mode = BuildMode.Native }], Image = "out/oci", Verification = OneAmd64("out/oci") };
        var pushed = layout with { Image = "127.0.0.1:5000/app:1", Digest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Verification = OneAmd64("127.0.0.1:5000/app:1") };

        var (notPushed, unsigned) = (PublishReport.Rows("app", layout)[0], PublishReport.Rows("app", pushed)[0]);

        Assert.False(notPushed.Pushed);
        Assert.Equal((true, (string?)null), (unsigned.Pushed, unsigned.Signature));
        var lines = PublishReport.ToText([notPushed, unsigned]).TrimEnd().Split(Environment.NewLine);
        Assert.Equal(["-", "no"], lines.Skip(1).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[^2].Trim()));
    }

    private static ImageVerification OneAmd64(string image) => new()
    {
        Image = image, Platforms = ["linux/amd64"], Problems = [],
        Entries = [new ImagePlatformVerification(Platform.LinuxAmd64, "sha256:aa", "/app", new BinaryVerification(new BinaryReport { File = "app", IsStatic = true }, Platform.LinuxAmd64, true, []), []) { Size = 2048 }],
    };
}

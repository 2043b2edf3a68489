using System.Diagnostics;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Tests.Cli.Output;

/// <summary>The live view's rows: platforms in the order first reported, running stages counting up.</summary>
public sealed class GoProgressViewSpecs
{
    private long now;

    private GoProgressView View() => new(() => now);

    [Fact]
    public void Each_platform_shows_its_latest_stage_and_running_stages_count_their_seconds_up()
    {
        var view = View();
        view.Report(new PlatformProgress(Platform.Parse("linux/amd64"), PlatformStage.Waiting, 0));
        view.Report(new PlatformProgress(Platform.Parse("linux/arm/v6"), PlatformStage.Waiting, 0));
        view.Report(new PlatformProgress(Platform.Parse("linux/amd64"), PlatformStage.Building, 0.5));
        view.Report(new PlatformProgress(Platform.Parse("linux/arm/v6"), PlatformStage.Failed, 2.24));
        now += Stopwatch.Frequency * 2; // two seconds later

        Assert.Equal(
            """
            platform      stage     seconds
            linux/amd64   building  2.5
            linux/arm/v6  failed    2.2
            """.ReplaceLineEndings("\n"),
            view.Snapshot().ToText().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_waiting_platform_has_no_seconds()
    {
        var view = View();
        view.Report(new PlatformProgress(Platform.Parse("linux/s390x"), PlatformStage.Waiting, 0));

        Assert.Equal(["linux/s390x", "waiting", "-"], view.Snapshot().Rows[0]);
    }

    [Theory]
    [InlineData(PlatformStage.Smoke, "smoke")]
    [InlineData(PlatformStage.Verifying, "verifying")]
    [InlineData(PlatformStage.Done, "done")]
    [InlineData(PlatformStage.Cancelled, "cancelled")]
    public void Stages_have_the_words_the_table_colours(PlatformStage stage, string word)
        => Assert.Equal(word, GoProgressView.Word(stage));
}

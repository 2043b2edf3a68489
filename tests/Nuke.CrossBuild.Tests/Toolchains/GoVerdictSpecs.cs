using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Toolchains.Go;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Toolchains;

/// <summary>The Go matrix's verdict record: a binary verified and smoke-run before is not judged again, and only that very binary under that very policy.</summary>
public sealed class GoVerdictSpecs : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly List<string> log = [];

    public void Dispose() => dir.Dispose();

    private string Verdicts => dir.Combine("verdicts");

    private GoBuildSettings Settings() => new GoBuildSettings()
        .SetWorkingDirectory(GoBuilder.AssetDirectory("hello"))
        .SetOutput(dir.Combine("out", "{platform}", "{name}"))
        .SetGoPath(Requires.Go)
        .SetPlatforms("linux/amd64", "linux/arm64")
        .SetSmokeArguments()
        .SetVerdictRecord(Verdicts);

    private void Log(string line)
    {
        lock (log)
        {
            log.Add(line);
        }
    }

    private int SmokeRuns() => log.Count(l => l.Contains("] smoke (", StringComparison.Ordinal));

    [Fact(Timeout = 600_000)]
    public async Task A_binary_that_passed_before_is_not_run_again_and_a_changed_binary_is()
    {
        await Requires.GoAsync();

        var first = await GoTasks.BuildAsync(Settings(), Log, TestContext.Current.CancellationToken);
        Assert.True(first.Succeeded, first.ToTable());
        Assert.All(first.Results, r => Assert.False(r.Recorded));
        Assert.Equal(2, SmokeRuns());

        log.Clear();
        var again = await GoTasks.BuildAsync(Settings(), Log, TestContext.Current.CancellationToken);
        Assert.True(again.Succeeded, again.ToTable());
        Assert.Equal(0, SmokeRuns());
        Assert.All(again.Results, r =>
        {
            Assert.True(r.Recorded);
            Assert.Equal(true, r.Verified);
            Assert.Equal(true, r.Static);
            Assert.Equal($"hello from {r.Platform}", r.SmokeOutput);
            Assert.NotNull(r.Size);
        });
        Assert.Contains("yes (recorded)", again.ToTable(), StringComparison.Ordinal);

        log.Clear();
        var changed = await GoTasks.BuildAsync(Settings().EnableStripSymbols(), Log, TestContext.Current.CancellationToken);
        Assert.True(changed.Succeeded, changed.ToTable());
        Assert.All(changed.Results, r => Assert.False(r.Recorded));
        Assert.Equal(2, SmokeRuns());
    }

    [Fact(Timeout = 600_000)]
    public async Task A_pass_under_another_policy_is_not_used_for_the_same_binary()
    {
        await Requires.GoAsync();
        var first = await GoTasks.BuildAsync(Settings(), Log, TestContext.Current.CancellationToken);
        Assert.True(first.Succeeded, first.ToTable());

        // The same bytes (CGO_ENABLED=0 makes them static either way), judged under other checks or other smoke arguments.
        foreach (var other in new[] { Settings().EnableStatic(), Settings().SetSmokeArguments("--version"), Settings().DisableVerify() })
        {
            log.Clear();
            var report = await GoTasks.BuildAsync(other, Log, TestContext.Current.CancellationToken);
            Assert.True(report.Succeeded, report.ToTable());
            Assert.All(report.Results, r => Assert.False(r.Recorded));
            Assert.Equal(2, SmokeRuns());
        }
    }

    [Fact]
    public void A_recorded_pass_is_keyed_by_the_platform_and_never_written_for_a_failure_or_a_binary_changed_since()
    {
        var binary = dir.Combine("app");
        File.WriteAllBytes(binary, [1, 2, 3]);
        var record = new VerdictRecord(Verdicts);
        var settings = new GoBuildSettings().SetSmokeArguments();
        var subject = GoBinaryVerdicts.Digest(binary);
        var amd64 = GoBinaryVerdicts.Policy(settings, Platform.LinuxAmd64);
        var pass = new GoBuildResult { Platform = Platform.LinuxAmd64, Mode = BuildMode.Native, Verified = true, Static = true, SmokeOutput = "ok", SmokeHow = "native" };

        GoBinaryVerdicts.Write(record, binary, subject, amd64, pass with { Error = "smoke run (native) exited with 1: no" });
        Assert.Null(GoBinaryVerdicts.Read(record, subject, amd64, pass));

        File.WriteAllBytes(binary, [1, 2, 4]); // replaced between the judgement and the write: not this binary's verdict
        GoBinaryVerdicts.Write(record, binary, subject, amd64, pass);
        Assert.Null(GoBinaryVerdicts.Read(record, subject, amd64, pass));

        File.WriteAllBytes(binary, [1, 2, 3]);
        GoBinaryVerdicts.Write(record, binary, subject, amd64, pass);
        Assert.Equal("ok", GoBinaryVerdicts.Read(record, subject, amd64, pass with { SmokeOutput = null })?.SmokeOutput);
        Assert.Null(GoBinaryVerdicts.Read(record, subject, GoBinaryVerdicts.Policy(settings, Platform.LinuxArm64), pass));
        File.WriteAllBytes(dir.Combine("other"), [9]);
        Assert.Null(GoBinaryVerdicts.Read(record, GoBinaryVerdicts.Digest(dir.Combine("other")), amd64, pass));
    }
}

using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Toolchains.Go;

namespace Nuke.CrossBuild.Tests.Toolchains;

/// <summary>Several programs' Go matrices through one scheduler (GoTasks.BuildAllAsync): one report each, in order, never more builds at once than its jobs, and every matrix checked before anything builds.</summary>
public sealed class GoSharedSchedulerSpecs : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly List<string> log = [];

    public void Dispose() => dir.Dispose();

    private GoBuildSettings Settings(string output, params string[] platforms) => new GoBuildSettings()
        .SetWorkingDirectory(GoBuilder.AssetDirectory("hello"))
        .SetOutput(dir.Combine(output, "{platform}", "{name}"))
        .SetGoPath(Requires.Go)
        .SetPlatforms(platforms)
        .SetSmokeArguments();

    private void Log(string line)
    {
        lock (log)
        {
            log.Add(line);
        }
    }

    [Fact(Timeout = 600_000)]
    public async Task Matrices_share_the_jobs_and_each_gets_its_own_report_in_order()
    {
        await Requires.GoAsync();

        var reports = await GoTasks.BuildAllAsync([Settings("one", "linux/amd64", "linux/arm64"), Settings("two", "linux/arm/v7")], Log, jobs: 1, TestContext.Current.CancellationToken);

        Assert.Equal([["linux/amd64", "linux/arm64"], ["linux/arm/v7"]], reports.Select(r => r.Results.Select(x => x.Platform.ToString()).ToArray()).ToArray());
        Assert.All(reports, r => Assert.True(r.Succeeded, r.ToTable()));
        Assert.All(reports.SelectMany(r => r.Results), r => Assert.True(r.SmokeSeconds > 0 && r.VerifySeconds > 0));
        // One job: a platform's build and smoke run come before the next platform's build starts.
        var steps = log.Where(l => (l.Contains(" build ", StringComparison.Ordinal) && l.Contains("-o ", StringComparison.Ordinal)) || l.Contains("] smoke (", StringComparison.Ordinal))
            .Select(l => l[..(l.IndexOf(']', StringComparison.Ordinal) + 1)]).ToList();
        Assert.Equal(6, steps.Count);
        Assert.All(steps.Chunk(2), pair => Assert.Equal(pair[0], pair[1]));
    }

    [Fact]
    public async Task A_bad_setting_in_any_matrix_stops_all_before_anything_builds()
    {
        await Requires.GoAsync();

        var bad = Settings("two", "linux/arm64").SetWorkingDirectory(dir.Combine("missing"));
        await Assert.ThrowsAsync<InputException>(() => GoTasks.BuildAllAsync([Settings("one", "linux/amd64"), bad], Log, jobs: 1, TestContext.Current.CancellationToken));

        Assert.False(Directory.Exists(dir.Combine("one")));
    }

    [Fact]
    public async Task Two_programs_that_would_write_one_file_are_refused_before_anything_builds()
    {
        await Requires.GoAsync();

        // Side by side they would race for one path: one binary left, and two reports that may both describe it.
        var e = await Assert.ThrowsAsync<SettingsException>(() => GoTasks.BuildAllAsync(
            [Settings("same", "linux/amd64", "linux/arm64"), Settings("same", "linux/arm64")], Log, jobs: 2, TestContext.Current.CancellationToken));

        Assert.StartsWith("two Go builds write ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(": expected one output file per program and platform (give each program its own output pattern or name)", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("same")));
    }
}

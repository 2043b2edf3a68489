using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>The pipeline with a verdict record: a warm no-op build neither reads its platforms' layers nor runs them again; a changed program is judged and run.</summary>
public sealed class RecordedVerdictEngineSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 900_000)]
    public async Task A_warm_rebuild_reuses_the_verdicts_and_a_changed_program_is_judged_again()
    {
        await Requires.BaseImagesAsync();
        var app = dir.Combine("app");
        foreach (var file in Directory.GetFiles(RepoPaths.Sample("03-scratch-six-platforms")))
        {
            Directory.CreateDirectory(app);
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        }

        var settings = new ImagePipelineSettings { Context = app, Repository = $"{Requires.Registry}/crossbuild-verdicts/app", Tag = Guid.NewGuid().ToString("n"), RequireStatic = true }
            .SetPlatforms("linux/amd64", "linux/arm64").AddBuildArg("GO_IMAGE", $"{Requires.Registry}/crossbuild/golang:1.23")
            .EnablePush().SetSmokeArguments().SetVerdictRecord(dir.Combine("verdicts"));
        var ct = TestContext.Current.CancellationToken;

        var cold = await ImagePipelineTasks.RunAsync(settings, cancellationToken: ct);
        var log = new List<string>();
        var warm = await ImagePipelineTasks.RunAsync(settings, log.Add, ct);
        var main = Path.Combine(app, "main.go");
        File.WriteAllText(main, File.ReadAllText(main).Replace("hello from ", "hello again from ", StringComparison.Ordinal));
        var changed = await ImagePipelineTasks.RunAsync(settings, cancellationToken: ct);

        foreach (var result in new[] { cold, warm, changed })
        {
            Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        }

        Assert.All(cold.Verification!.Entries, e => Assert.False(e.Recorded));
        Assert.All(warm.Verification!.Entries, e => Assert.True(e.Recorded));
        Assert.Equal(cold.Verification.Entries.Select(e => e.ManifestDigest), warm.Verification.Entries.Select(e => e.ManifestDigest));
        Assert.Equal(cold.Smoke, warm.Smoke);
        Assert.Equal(2, log.Count(l => l.Contains("passed before", StringComparison.Ordinal)));
        Assert.Equal(2, log.Count(l => l.Contains("not run again", StringComparison.Ordinal)));
        Assert.All(changed.Verification!.Entries, e => Assert.False(e.Recorded));
        Assert.All(new[] { "linux/amd64", "linux/arm64" }, p => Assert.StartsWith($"hello again from {p}", changed.Smoke[p], StringComparison.Ordinal));
    }
}

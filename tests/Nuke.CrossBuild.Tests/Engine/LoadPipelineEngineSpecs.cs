using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>The pipeline without a registry to push to (the Publish target's default): an OCI layout, a multi-platform load into the engine, runs from the loaded image.</summary>
public sealed class LoadPipelineEngineSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 900_000)]
    public async Task Without_a_push_the_image_is_written_as_a_layout_loaded_and_run_per_platform_from_the_engine()
    {
        await Requires.BaseImagesAsync();
        var sample = RepoPaths.Sample("03-scratch-six-platforms");
        var tag = Guid.NewGuid().ToString("n");
        var settings = new ImagePipelineSettings { Context = sample, Repository = "crossbuild-load-test/app", Tag = tag, RequireStatic = true, Pull = true }
            .SetPlatforms("linux/amd64", "linux/arm64", "linux/s390x").AddBuildArg("GO_IMAGE", $"{Requires.Registry}/crossbuild/golang:1.23")
            .EnableLoad().SetOciLayout(dir.Combine("layout")).SetSmokeArguments();

        var result = await ImagePipelineTasks.RunAsync(settings, cancellationToken: TestContext.Current.CancellationToken);
        var images = await Nuke.CrossBuild.Internal.Tool.RunAsync(Requires.Docker, ["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"], cancellationToken: TestContext.Current.CancellationToken);
        await Nuke.CrossBuild.Internal.Tool.RunAsync(Requires.Docker, ["image", "rm", $"crossbuild-load-test/app:{tag}"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.True(result.Loaded);
        Assert.Null(result.Digest);
        Assert.Equal(dir.Combine("layout"), result.Image);
        Assert.Contains($"crossbuild-load-test/app:{tag}", images.StdOut, StringComparison.Ordinal);
        Assert.All(new[] { "linux/amd64", "linux/arm64", "linux/s390x" }, p => Assert.StartsWith($"hello from {p}", result.Smoke[p], StringComparison.Ordinal));
        Assert.Equal(["linux/amd64", "linux/arm64", "linux/s390x"], result.Verification!.Entries.Select(e => e.Platform!.ToString()));
        Assert.All(result.Verification.Entries, e => Assert.InRange(e.Size, 100_000, 20_000_000));
    }
}

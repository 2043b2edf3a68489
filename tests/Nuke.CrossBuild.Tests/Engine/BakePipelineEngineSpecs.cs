using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>Two sample images in one bake: one pushed (and smoke-run from the registry), one written as an OCI layout and loaded into the engine by the same target; each verified as image build verifies it.</summary>
public sealed class BakePipelineEngineSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 900_000)]
    public async Task Two_images_are_baked_at_once_and_each_verified_where_it_landed()
    {
        await Requires.BaseImagesAsync();
        var tag = Guid.NewGuid().ToString("n");
        var go = $"{Requires.Registry}/crossbuild/golang:1.23";
        var settings = new ImageBakeSettings()
            .AddImage("pushed", new ImagePipelineSettings { Context = RepoPaths.Sample("01-cross-compile"), Repository = $"{Requires.Registry}/crossbuild-bake-test/pushed", Tag = tag, RequireStatic = true }
                .SetPlatforms("linux/amd64", "linux/arm64").AddBuildArg("GO_IMAGE", go).AddBuildArg("RUNTIME_IMAGE", $"{Requires.Registry}/crossbuild/static:12").EnablePush().SetSmokeArguments())
            .AddImage("layout", new ImagePipelineSettings { Context = RepoPaths.Sample("03-scratch-six-platforms"), Repository = "crossbuild-bake-test/layout", Tag = tag, RequireStatic = true }
                .SetPlatforms("linux/amd64", "linux/s390x").AddBuildArg("GO_IMAGE", go).SetOciLayout(dir.Combine("layout")).EnableLoad());

        var result = await ImageBakeTasks.RunAsync(settings, cancellationToken: TestContext.Current.CancellationToken);
        var images = await Nuke.CrossBuild.Internal.Tool.RunAsync(Requires.Docker, ["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"], cancellationToken: TestContext.Current.CancellationToken);
        await Nuke.CrossBuild.Internal.Tool.RunAsync(Requires.Docker, ["image", "rm", $"crossbuild-bake-test/layout:{tag}"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, string.Join('\n', result.Images.SelectMany(i => i.Value.Problems)));
        Assert.Equal(["pushed", "layout"], result.Images.Select(i => i.Key));
        var (pushed, layout) = (result.Images[0].Value, result.Images[1].Value);
        Assert.StartsWith("sha256:", pushed.Digest, StringComparison.Ordinal);
        Assert.StartsWith("hello from linux/arm64", pushed.Smoke["linux/arm64"], StringComparison.Ordinal);
        Assert.Equal(["linux/amd64", "linux/arm64"], pushed.Verification!.Entries.Select(e => e.Platform!.ToString()));
        Assert.Equal(dir.Combine("layout"), layout.Image);
        Assert.Equal(["linux/amd64", "linux/s390x"], layout.Verification!.Entries.Select(e => e.Platform!.ToString()));
        Assert.False(File.Exists(dir.Combine("layout") + ".tar"));
        Assert.True(layout.Loaded); // the load was the layout target's second exporter: no second bake
        Assert.Contains($"crossbuild-bake-test/layout:{tag}", images.StdOut, StringComparison.Ordinal);
    }
}

using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Components;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Toolchains.Go;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Components;

/// <summary>The components' targets run in dependency order on the real tools (Go; Docker + buildx + registry), as NUKE would run them.</summary>
public sealed class ComponentExecutionSpecs : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string CopyToRoot(string from)
    {
        var root = temp.Combine("app");
        foreach (var file in Directory.GetFiles(from))
        {
            Directory.CreateDirectory(root);
            File.Copy(file, Path.Combine(root, Path.GetFileName(file)));
        }

        return root;
    }

    [Fact(Timeout = 600_000)]
    public async Task CrossCompileGo_then_VerifyBinaries_builds_checks_and_catches_a_wrong_binary()
    {
        await Requires.GoAsync();
        var build = new TestBuild(CopyToRoot(GoBuilder.AssetDirectory("hello")), new Dictionary<string, object> { ["Platforms"] = new[] { "linux/arm64", "linux/arm/v6" }, ["RequireStatic"] = true })
        {
            GoHook = _ => _.SetGoPath(Requires.Go),
        };
        var verify = (IVerifyBinaries)build;

        await TargetRecorder.Record(build, verify.CrossCompileGo).RunAsync();
        await TargetRecorder.Record(build, verify.VerifyBinaries).RunAsync();

        var armv6 = Assert.Single(Directory.GetFiles(verify.BinaryDirectory(Platform.Parse("linux/arm/v6"))));
        Assert.Equal("app", Path.GetFileName(armv6));
        Assert.Contains("ARMv6", BinaryVerifier.Verify(armv6, Platform.Parse("linux/arm/v6"), requireStatic: true).Report.ToString(), StringComparison.Ordinal);
        File.Copy(armv6, Path.Combine(verify.BinaryDirectory(Platform.LinuxArm64), "app"), overwrite: true);
        var wrong = await Assert.ThrowsAsync<VerificationException>(() => TargetRecorder.Record(build, verify.VerifyBinaries).RunAsync());
        Assert.Contains("arm64", wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("linux/arm/v6", wrong.Message.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact(Timeout = 1_200_000)]
    public async Task The_image_targets_build_an_oci_layout_verify_it_and_publish_a_verified_image()
    {
        await Requires.BaseImagesAsync();
        var root = CopyToRoot(RepoPaths.Sample("01-cross-compile"));
        var tag = Guid.NewGuid().ToString("n");
        var build = new TestBuild(root, new Dictionary<string, object>
        {
            ["Platforms"] = new[] { "linux/amd64", "linux/arm64", "linux/arm/v7" }, ["RequireStatic"] = true,
            ["ImageRepository"] = "components/app", ["ImageTag"] = tag, ["Registry"] = Requires.Registry,
        })
        {
            BuildHook = _ => _.AddBuildArg("GO_IMAGE", $"{Requires.Registry}/crossbuild/golang:1.23").AddBuildArg("RUNTIME_IMAGE", $"{Requires.Registry}/crossbuild/static:12").EnablePull(),
        };
        var publish = (IPublishImages)build;

        Assert.Empty(publish.EmulatorsNeeded);
        foreach (var target in new[] { publish.EnsureBuilder, publish.BuildImages, publish.VerifyImages, publish.PublishImages })
        {
            await TargetRecorder.Record(build, target).RunAsync();
        }

        using var layout = new OciLayoutSource(publish.ImageLayoutDirectory);
        var local = await ImageVerifier.VerifyAsync(layout, publish.PlannedPlatforms, requireStatic: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(local.Ok, string.Join("\n", local.Problems));
        using var pushed = await ImageSources.OpenAsync($"{Requires.Registry}/components/app:{tag}", cancellationToken: TestContext.Current.CancellationToken);
        var remote = await ImageVerifier.VerifyAsync(pushed, publish.PlannedPlatforms, requireStatic: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["linux/amd64", "linux/arm64", "linux/arm/v7"], remote.Platforms);
        Assert.True(remote.Ok, string.Join("\n", remote.Problems));
    }
}

using System.Text.Json;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>The multi-runner pattern: per-platform builds pushed by digest and merged with imagetools equal the one-shot build.</summary>
public sealed class SplitBuildEngineSpecs
{
    private static readonly Platform[] Common = [Platform.LinuxAmd64, Platform.LinuxArm64, Platform.LinuxArmV7];

    private static string Sample => RepoPaths.Sample("01-cross-compile");

    private static BuildxBuildSettings Base() => new BuildxBuildSettings { Context = Sample }
        .AddBuildArg("GO_IMAGE", $"{Requires.Registry}/crossbuild/golang:1.23")
        .AddBuildArg("RUNTIME_IMAGE", $"{Requires.Registry}/crossbuild/static:12")
        .AddBuildArg("SOURCE_DATE_EPOCH", "0") // reproducible configs: the same inputs give the same digests
        .DisableProvenance();

    private static async Task<Dictionary<string, string>> PlatformDigestsAsync(string image)
    {
        using var source = await ImageSources.OpenAsync(image, cancellationToken: TestContext.Current.CancellationToken);
        var (_, content) = await source.GetRootAsync(TestContext.Current.CancellationToken);
        using var index = JsonDocument.Parse(content);
        return index.RootElement.GetProperty("manifests").EnumerateArray()
            .Select(OciDescriptorAccess.Parse)
            .Where(d => !d.IsAttestation)
            .ToDictionary(d => d.Platform!.ToString(), d => d.Digest);
    }

    [Fact(Timeout = 900_000)]
    public async Task Per_platform_builds_pushed_by_digest_and_merged_equal_the_one_shot_build()
    {
        await Requires.BaseImagesAsync();
        var repository = $"{Requires.Registry}/crossbuild-split";
        var oneShot = $"{repository}:oneshot-{Guid.NewGuid():n}";
        var merged = $"{repository}:merged-{Guid.NewGuid():n}";
        var ct = TestContext.Current.CancellationToken;

        await BuildxTasks.BuildAsync(Base().SetPlatforms(Common).SetTags(oneShot).EnablePush(), cancellationToken: ct);
        var digests = new List<string>();
        foreach (var platform in Common)
        {
            // push-by-digest needs a docker-container builder, which cannot start offline here: the docker driver pushes a
            // throwaway per-platform tag instead, and the merge uses the digest from the metadata file all the same.
            var metadata = await BuildxTasks.BuildAsync(Base().SetPlatforms(platform).SetTags($"{repository}:part-{platform.ToSlug()}-{Guid.NewGuid():n}").EnablePush(), cancellationToken: ct);
            Assert.StartsWith("sha256:", metadata.Digest, StringComparison.Ordinal);
            digests.Add($"{repository}@{metadata.Digest}");
        }

        await BuildxTasks.ImagetoolsCreateAsync(new ImagetoolsCreateSettings().SetTags(merged).SetSources([.. digests]), ct);

        var expected = await PlatformDigestsAsync(oneShot);
        var actual = await PlatformDigestsAsync(merged);
        Assert.Equal(Common.Select(p => p.ToString()).Order(), actual.Keys.Order());
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
        using var source = await ImageSources.OpenAsync(merged, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True((await ImageVerifier.VerifyAsync(source, Common, requireStatic: true, cancellationToken: ct)).Ok);

        // These platforms were pushed with Docker media types: a merged Docker manifest list cannot hold the annotations.
        var annotated = await ImageMergeTasks.RunAsync(
            new ImageMergeSettings { Repository = repository, Annotations = [new("org.opencontainers.image.version", "1.0.0")] }
                .AddDigests([.. digests.Select(d => d.Split('@')[1])]).AddTags($"{repository}:annotated-{Guid.NewGuid():n}"), ct);
        Assert.Contains(annotated.Verification.Problems, p => p.Contains("lost its annotations (application/vnd.docker.distribution.manifest.list.v2+json)", StringComparison.Ordinal));
    }

    [Fact(Timeout = 300_000)]
    public async Task Ensure_builder_returns_the_engines_builder_and_explains_a_docker_container_builder_that_cannot_start()
    {
        await Requires.EngineAsync();
        var ct = TestContext.Current.CancellationToken;
        var name = $"crossbuild-test-{Guid.NewGuid():n}"[..24];

        var builder = await BuilderTasks.EnsureBuilderAsync("docker", ["linux/amd64", "linux/arm64"], cancellationToken: ct);
        var error = await Assert.ThrowsAsync<BuildxException>(() => BuilderTasks.EnsureBuilderAsync("docker-container", ["linux/amd64"], new BuildxCreateSettings().SetName(name), cancellationToken: ct));
        var left = (await BuildxTasks.ListAsync(ct)).Any(b => b.Name == name);
        if (left)
        {
            await BuildxTasks.RemoveAsync(name, ct);
        }

        Assert.Equal("docker", builder.Driver);
        Assert.True(builder.Running);
        Assert.Contains($"cannot start builder {name} (docker-container)", error.Message, StringComparison.Ordinal);
        Assert.Contains("use the docker driver with the containerd image store", error.Message, StringComparison.Ordinal);
    }
}

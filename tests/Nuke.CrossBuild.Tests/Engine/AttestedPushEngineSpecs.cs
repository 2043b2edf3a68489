using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>
/// A pushed image with a provenance attestation and a written BuildKit cache, as the generated workflows push them, and
/// one with an SBOM made by a generator image (BuildKit's default, docker/buildkit-syft-scanner, is on Docker Hub only,
/// so a small generator following BuildKit's SBOM protocol is assembled here and pushed to the local registry).
/// </summary>
public sealed class AttestedPushEngineSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 900_000)]
    public async Task A_pushed_image_carries_provenance_which_verification_lists_but_does_not_check_as_an_image()
    {
        await Requires.BaseImagesAsync();
        var settings = new ImagePipelineSettings
        {
            Context = RepoPaths.Sample("03-scratch-six-platforms"), Provenance = "mode=max", Repository = $"{Requires.Registry}/crossbuild-tests/attested", Tag = Guid.NewGuid().ToString("n"), RequireStatic = true,
        }.SetPlatforms("linux/amd64", "linux/arm64").AddBuildArg("GO_IMAGE", $"{Requires.Registry}/crossbuild/golang:1.23").EnablePush()
            .AddCacheTo(BuildxCache.Local(dir.Combine("cache"), write: true, mode: "max"));

        var result = await ImagePipelineTasks.RunAsync(settings, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(["linux/amd64", "linux/arm64"], result.Verification!.Entries.Select(e => e.Platform!.ToString()));
        Assert.Equal(2, result.Verification.Attestations.Count); // one attestation manifest per platform
        Assert.True(File.Exists(dir.Combine("cache/index.json")), "the first build wrote the BuildKit cache");
    }

    [Fact(Timeout = 900_000)]
    public async Task A_pushed_image_carries_the_sbom_the_generator_image_made_for_each_platform()
    {
        await Requires.BaseImagesAsync();
        await Requires.GoAsync();
        var tag = Guid.NewGuid().ToString("n");
        var scanner = $"{Requires.Registry}/crossbuild-tests/sbomscanner:{tag}";
        foreach (var platform in new[] { Nuke.CrossBuild.Platforms.Platform.LinuxAmd64, Nuke.CrossBuild.Platforms.Platform.LinuxArm64 })
        {
            await GoBuilder.BuildAsync("sbomscanner", platform, dir.Combine("scanner", platform.ToSlug(), "sbomscanner"));
        }

        // The generator writes into a mount BuildKit owns: it runs as root, not as scratch's default non-root user.
        await ImageAssemblyTasks.AssembleAsync(new ImageAssemblySettings().SetBinaries(dir.Combine("scanner", "{os}_{arch}[_{variant}]", "{name}"))
            .SetPlatforms("linux/amd64", "linux/arm64").SetUser("0").EnableStatic().SetEpoch(0).EnablePush(scanner), TestContext.Current.CancellationToken);
        var image = $"{Requires.Registry}/crossbuild-tests/attested";
        var settings = new ImagePipelineSettings
        {
            Context = RepoPaths.Sample("03-scratch-six-platforms"), Provenance = "mode=min", Repository = image, Tag = tag, RequireStatic = true,
        }.SetPlatforms("linux/amd64", "linux/arm64").AddBuildArg("GO_IMAGE", $"{Requires.Registry}/crossbuild/golang:1.23").EnablePush().SetSbomGenerator(scanner);

        var result = await ImagePipelineTasks.RunAsync(settings, cancellationToken: TestContext.Current.CancellationToken);
        var sbom = await Nuke.CrossBuild.Internal.Tool.RunAsync(Requires.Docker, ["buildx", "imagetools", "inspect", $"{image}:{tag}", "--format", "{{ json .SBOM }}"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(2, result.Verification!.Attestations.Count);
        Assert.True(sbom.Succeeded, sbom.StdErr);
        using var json = System.Text.Json.JsonDocument.Parse(sbom.StdOut);
        foreach (var platform in new[] { "linux/amd64", "linux/arm64" })
        {
            var spdx = json.RootElement.GetProperty(platform).GetProperty("SPDX");
            Assert.Equal("SPDX-2.3", spdx.GetProperty("spdxVersion").GetString());
            Assert.Contains(spdx.GetProperty("files").EnumerateArray(), f => f.GetProperty("fileName").GetString()!.EndsWith("/app", StringComparison.Ordinal));
        }
    }
}

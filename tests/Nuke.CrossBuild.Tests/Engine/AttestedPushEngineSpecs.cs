using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>
/// A pushed image with a provenance attestation and a written BuildKit cache, as the generated workflows push them.
/// (SBOM attestations need BuildKit's scanner image, docker/buildkit-syft-scanner, which no registry here serves.)
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

        var result = await ImagePipeline.RunAsync(settings, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(["linux/amd64", "linux/arm64"], result.Verification!.Entries.Select(e => e.Platform!.ToString()));
        Assert.Equal(2, result.Verification.Attestations.Count); // one attestation manifest per platform
        Assert.True(File.Exists(dir.Combine("cache/index.json")), "the first build wrote the BuildKit cache");
    }
}

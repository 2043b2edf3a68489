using System.Net;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>Pushing an assembled image to a real registry (distribution, started per test): by digest first, the tag last.</summary>
[Collection(ProcessTemp.Name)]
public sealed class AssembledImagePushSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task A_push_serves_the_verified_index_under_the_tag_and_a_second_push_uploads_nothing()
    {
        await Requires.EngineAsync(); // the registry binary comes with the engine's provisioning
        using var registry = await PrivateRegistry.StartAsync();
        var source = await AssemblyInputs.CopyToAsync(dir.Path);

        var first = await AssembleAsync(source, $"{registry.Host}/team/hello:1");
        var second = await AssembleAsync(source, $"{registry.Host}/team/hello:2");

        Assert.Equal(6, first.UploadedBlobs); // three configs and three layers
        Assert.Equal(0, second.UploadedBlobs);
        Assert.Equal(first.IndexDigest, second.IndexDigest);
        using var served = await ImageSources.OpenAsync($"{registry.Host}/team/hello:1", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(first.IndexDigest, OciDigest.Sha256((await served.GetRootAsync(TestContext.Current.CancellationToken)).Content).ToString());
    }

    [Fact]
    public async Task A_push_cut_off_by_the_registry_dying_leaves_no_tag_and_a_rerun_completes()
    {
        await Requires.EngineAsync();
        using var registry = await PrivateRegistry.StartAsync();
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        await dir.WriteRandomAsync("payload", 120); // incompressible, so the upload takes a while

        var uploads = Path.Combine(registry.Storage, "docker", "registry", "v2", "repositories", "team", "big", "_uploads");
        var push = AssembleAsync(source, $"{registry.Host}/team/big:1", s => s.AddFile(dir.Combine("payload"), "/data/payload"));
        for (var waited = 0; !(Directory.Exists(uploads) && Directory.EnumerateFileSystemEntries(uploads).Any()); waited++)
        {
            Assert.True(waited < 6000 && !push.IsCompleted, "the push never started uploading");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        registry.Kill();
        var error = await Assert.ThrowsAsync<RegistryException>(() => push);
        Assert.DoesNotContain('\n', error.Message);
        Assert.EndsWith("; nothing was tagged: push again to finish (blobs already there are not sent twice)", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{registry.Host}/team/big:1: ", error.Message, StringComparison.Ordinal);

        await registry.RestartAsync();
        Assert.Equal(HttpStatusCode.NotFound, await registry.ManifestStatusAsync("team/big", "1"));
        var rerun = await AssembleAsync(source, $"{registry.Host}/team/big:1", s => s.AddFile(dir.Combine("payload"), "/data/payload"));
        Assert.Equal(HttpStatusCode.OK, await registry.ManifestStatusAsync("team/big", "1"));
        Assert.Equal(HttpStatusCode.OK, await registry.ManifestStatusAsync("team/big", rerun.IndexDigest));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Nuke.CrossBuild.Internal.RunTemp.Directory), e => Path.GetFileName(e).StartsWith("assemble", StringComparison.Ordinal));
    }

    private static Task<ImageAssembly> AssembleAsync(string source, string reference, Func<ImageAssemblySettings, ImageAssemblySettings>? configure = null)
        => ImageAssemblyTasks.AssembleAsync(
            (configure ?? (s => s))(new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(0).EnablePush(reference)
                .SetPlatforms([.. AssemblyInputs.Platforms.Select(p => p.ToString())]).EnableStatic()),
            TestContext.Current.CancellationToken);
}

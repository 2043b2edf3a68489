using System.Net;
using Nuke.CrossBuild.Engine;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Faults;

/// <summary>The registry dies in the middle of a push: one line, no half-tagged image, and a rerun completes.</summary>
[Collection(RunsAlone.Name)]
public sealed class RegistryFaultSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 900_000)]
    public async Task A_registry_killed_in_the_middle_of_a_push_leaves_no_tag_and_a_rerun_completes()
    {
        await Requires.EngineAsync();
        await Requires.GoAsync();
        using var registry = await PrivateRegistry.StartAsync();
        await GoBuilder.BuildAsync("hello", Platform.LinuxAmd64, dir.Combine("ctx", "hello"));
        await dir.WriteRandomAsync("ctx/payload", 200); // incompressible: the upload takes a while

        dir.Write("ctx/Dockerfile", "FROM scratch\nCOPY hello /hello\nCOPY payload /payload\nENTRYPOINT [\"/hello\"]\n");
        var image = $"{registry.Host}/faults/app:1";
        Directory.CreateDirectory(dir.Combine("tmp"));
        var env = new Dictionary<string, string?> { ["TMPDIR"] = dir.Combine("tmp") };
        string[] args = ["image", "build", dir.Combine("ctx"), "--platforms", "linux/amd64", "-t", image, "--push", "--static"];
        var uploads = Path.Combine(registry.Storage, "docker", "registry", "v2", "repositories", "faults", "app", "_uploads");

        using (var cli = CliProcess.Start(args, env))
        {
            for (var waited = 0; !(Directory.Exists(uploads) && Directory.EnumerateFileSystemEntries(uploads).Any()); waited++)
            {
                Assert.True(waited < 6000, "the push never started uploading");
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            registry.Kill();
            Assert.Equal(1, await cli.WaitForExitAsync(TimeSpan.FromMinutes(5)));
            var errors = cli.StdErr.Where(l => l.StartsWith("crossbuild:", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 1, string.Join('\n', cli.StdErr));
            Assert.Contains("docker buildx build failed", errors[0], StringComparison.Ordinal);
        }

        await registry.RestartAsync();
        Assert.Equal(HttpStatusCode.NotFound, await registry.ManifestStatusAsync("faults/app", "1")); // no half-tagged image
        Assert.Empty(await Leftovers.ProcessesAfterAsync(dir.Path));
        Assert.Empty(Leftovers.Files(dir.Combine("tmp")));

        using var rerun = CliProcess.Start(args, env);
        Assert.True(await rerun.WaitForExitAsync(TimeSpan.FromMinutes(5)) == 0, string.Join("\n", rerun.StdErr.Where(l => !l.StartsWith("buildx:", StringComparison.Ordinal) || l.Contains("ERROR", StringComparison.Ordinal) || l.Contains("error", StringComparison.Ordinal))));
        Assert.Equal(HttpStatusCode.OK, await registry.ManifestStatusAsync("faults/app", "1"));
        Assert.Contains(rerun.StdOut, l => l.Contains("linux/amd64", StringComparison.Ordinal));

        // The docker driver keeps a pushed image in the engine's store too; its registry is gone after this test.
        using var engine = await DockerEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        await engine.RemoveImageAsync(image, TestContext.Current.CancellationToken);
    }
}

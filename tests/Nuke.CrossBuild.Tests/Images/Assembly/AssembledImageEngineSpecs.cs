using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Engine;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>The real engine takes an assembled image as it takes a BuildKit one: loaded from the tarball, each platform runs.</summary>
public sealed class AssembledImageEngineSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Docker_loads_the_assembled_tarball_and_runs_every_platform()
    {
        await Requires.EngineAsync();
        await Requires.EmulatorAsync("linux/arm64");
        await Requires.EmulatorAsync("linux/arm/v7");
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var tag = $"crossbuild-assembled/hello:{Guid.NewGuid():n}";
        var assembly = await ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(0).SetTag(tag).SetArchive("image.tar")
                .SetPlatforms([.. AssemblyInputs.Platforms.Select(p => p.ToString())]),
            TestContext.Current.CancellationToken);

        using var engine = await DockerEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            var loaded = await engine.LoadAsync(Path.Combine(source, "image.tar"), TestContext.Current.CancellationToken);
            Assert.Contains(loaded, l => l.Contains(tag, StringComparison.Ordinal));
            foreach (var platform in AssemblyInputs.Platforms)
            {
                var run = await engine.RunAsync(new ContainerRunSettings { Image = tag, Platform = platform.ToString(), Pull = false }, TestContext.Current.CancellationToken);
                Assert.Equal((0L, $"hello from {platform}"), (run.ExitCode, run.Output));
            }

            var image = await engine.InspectImageAsync(tag, TestContext.Current.CancellationToken);
            Assert.NotNull(image);
            Assert.Equal(3, assembly.Platforms.Count);
        }
        finally
        {
            await engine.RemoveImageAsync(tag, TestContext.Current.CancellationToken);
        }
    }
}

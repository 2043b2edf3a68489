using System.Formats.Tar;
using Nuke.CrossBuild.Engine;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Images;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>The Engine API client (Docker.DotNet.Enhanced) against the real Docker 26 daemon with the containerd image store.</summary>
public sealed class EngineApiSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static async Task<DockerEngine> ConnectAsync()
    {
        await Requires.EngineAsync();
        return await DockerEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    // An OCI layout of Go hello binaries (one per platform) as a tarball the engine can load.
    private async Task<string> LoadHelloAsync(DockerEngine engine, string tag, params (string Platform, string Binary)[] images)
    {
        var builder = new OciLayoutBuilder();
        foreach (var (platform, binary) in images)
        {
            builder.Add(platform, [[LayerEntry.File("hello", await File.ReadAllBytesAsync(binary, TestContext.Current.CancellationToken))]], ["/hello"]);
        }

        var layout = builder.Write(dir.Combine("layout-" + tag));
        var index = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "index.json"), TestContext.Current.CancellationToken))!;
        index["manifests"]![0]!["annotations"] = new System.Text.Json.Nodes.JsonObject { ["io.containerd.image.name"] = $"docker.io/crossbuild-engine-test/hello:{tag}", ["org.opencontainers.image.ref.name"] = tag };
        await File.WriteAllTextAsync(Path.Combine(layout, "index.json"), index.ToJsonString(), TestContext.Current.CancellationToken);
        var tar = dir.Combine($"hello-{tag}.tar");
        await TarFile.CreateFromDirectoryAsync(layout, tar, includeBaseDirectory: false, TestContext.Current.CancellationToken);
        await engine.LoadAsync(tar, TestContext.Current.CancellationToken);
        return $"crossbuild-engine-test/hello:{tag}";
    }

    [Fact(Timeout = 120_000)]
    public async Task The_client_agrees_on_the_engines_api_version_and_sees_the_containerd_store()
    {
        using var engine = await ConnectAsync();

        Assert.Equal(new Version(1, 45), engine.ApiVersion); // Docker 26.1: below the client's 1.52
        Assert.StartsWith("26.", engine.EngineVersion, StringComparison.Ordinal);
        Assert.True(engine.ContainerdImageStore);
    }

    [Fact(Timeout = 60_000)]
    public async Task No_engine_at_the_endpoint_is_one_line()
    {
        var error = await Assert.ThrowsAsync<EngineUnavailableException>(() => DockerEngine.ConnectAsync("unix://" + dir.Combine("no.sock"), TestContext.Current.CancellationToken));
        var bad = await Assert.ThrowsAsync<InputException>(() => DockerEngine.ConnectAsync("ssh://host", TestContext.Current.CancellationToken));

        Assert.StartsWith($"no Docker engine answers at unix://{dir.Combine("no.sock")} (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("is not an endpoint crossbuild can use", bad.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 600_000)]
    public async Task A_loaded_multi_platform_image_runs_per_platform_as_its_weakest_cpu_and_leaves_no_container()
    {
        await Requires.GoAsync();
        using var engine = await ConnectAsync();
        var arm7 = await GoBuilder.BuildAsync("hello", Platform.LinuxArmV7, dir.Combine("hello-arm7"));
        var arm64 = await GoBuilder.BuildAsync("hello", Platform.LinuxArm64, dir.Combine("hello-arm64"));
        var tag = Guid.NewGuid().ToString("n");
        var image = await LoadHelloAsync(engine, tag, ("linux/arm/v6", arm7), ("linux/arm64", arm64)); // a GOARM=7 binary in the v6 manifest
        try
        {
            var ct = TestContext.Current.CancellationToken;
            var onArm64 = await engine.RunAsync(new ContainerRunSettings { Image = image, Platform = "linux/arm64", Pull = false }, ct);
            var onV6 = await engine.RunAsync(new ContainerRunSettings { Image = image, Platform = "linux/arm/v6", Pull = false }, ct);

            Assert.Equal((0L, "hello from linux/arm64", "cortex-a53"), (onArm64.ExitCode, onArm64.Output, onArm64.Cpu));
            Assert.Equal(132, onV6.ExitCode); // SIGILL: an ARM1176 has no ARMv7 instructions
            Assert.Equal("arm1176", onV6.Cpu);
            Assert.Empty(await engine.LeftoverContainersAsync(Environment.ProcessId, image, ct)); // other tests of this process run containers of other images meanwhile
            Assert.NotNull(await engine.InspectImageAsync(image, ct));
        }
        finally
        {
            Assert.True(await engine.RemoveImageAsync(image, TestContext.Current.CancellationToken));
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task A_container_past_its_time_limit_or_cancelled_is_removed()
    {
        await Requires.BaseImagesAsync();
        using var engine = await ConnectAsync();
        var image = $"{Requires.Registry}/crossbuild/busybox:1.37";
        var settings = new ContainerRunSettings { Image = image, Platform = "linux/amd64" }.SetArguments("sleep", "60");

        var timeout = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(settings.SetTimeout(TimeSpan.FromSeconds(2)), TestContext.Current.CancellationToken));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.RunAsync(settings, cancel.Token));

        Assert.Contains("did not finish within 2 s; the container was removed", timeout.Message, StringComparison.Ordinal);
        Assert.Empty(await engine.LeftoverContainersAsync(Environment.ProcessId, image, TestContext.Current.CancellationToken)); // other tests of this process run containers of other images meanwhile
    }
}

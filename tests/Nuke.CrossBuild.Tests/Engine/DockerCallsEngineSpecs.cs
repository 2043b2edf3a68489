using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>What a warm `crossbuild image build` costs around the build it runs: counted as the docker commands it starts.</summary>
public sealed class DockerCallsEngineSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 600_000)]
    public async Task With_the_docker_driver_a_layout_and_load_build_runs_docker_once_and_never_lists_builders()
    {
        await Requires.BaseImagesAsync();
        dir.Write("ctx/Dockerfile", $"FROM {Requires.Registry}/crossbuild/busybox:1.37\n");
        var log = dir.Combine("docker-calls.log");
        dir.Write("bin/docker", $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{log}'\nexec '{Requires.Docker}' \"$@\"\n");
        File.SetUnixFileMode(dir.Combine("bin/docker"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var tag = $"crossbuild-calls/app:{Guid.NewGuid():n}";

        using var cli = CliProcess.Start(
            ["image", "build", dir.Combine("ctx"), "--platforms", "linux/amd64,linux/arm64", "--oci", dir.Combine("layout"), "--load", "-t", tag, "--path", "/bin/busybox"],
            new Dictionary<string, string?> { ["CROSSBUILD_DOCKER"] = dir.Combine("bin/docker"), ["CI"] = null });
        var exit = await cli.WaitForExitAsync(TimeSpan.FromMinutes(5));
        await Nuke.CrossBuild.Internal.Tool.RunAsync(Requires.Docker, ["image", "rm", tag], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(exit == 0, string.Join('\n', cli.StdErr.TakeLast(20)));
        var calls = File.ReadAllLines(log);
        Assert.DoesNotContain(calls, c => c.StartsWith("buildx ls", StringComparison.Ordinal));
        var build = Assert.Single(calls, c => c.StartsWith("buildx build", StringComparison.Ordinal)); // the layout and the load: one build, two exporters
        Assert.Contains("--load", build, StringComparison.Ordinal);
        Assert.Contains("type=oci", build, StringComparison.Ordinal);
    }
}

using Nuke.CrossBuild.Engine;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signals;

/// <summary>Ctrl+C or SIGTERM in the middle of real runs: children stopped, containers removed, temporary files gone, exit 130 or 143 with one line.</summary>
public sealed class SignalSpecs : IDisposable
{
    private const int SigInt = 2, SigTerm = 15;
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private Dictionary<string, string?> PrivateTemp()
    {
        Directory.CreateDirectory(dir.Combine("tmp"));
        return new Dictionary<string, string?> { ["TMPDIR"] = dir.Combine("tmp"), ["GOTOOLCHAIN"] = "local", ["GOFLAGS"] = "-buildvcs=false", ["GOCACHE"] = dir.Combine("gocache") };
    }

    private static void EndedBySignal(CliProcess cli, int exitCode, int expected, string word)
    {
        Assert.True(exitCode == expected, $"exit {exitCode}, expected {expected}:\n{string.Join('\n', cli.StdErr.TakeLast(15))}");
        var last = cli.StdErr.Last(l => l.StartsWith("crossbuild:", StringComparison.Ordinal));
        Assert.StartsWith($"crossbuild: {word}", last, StringComparison.Ordinal);
        Assert.DoesNotContain(cli.StdErr, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact(Timeout = 600_000)]
    public async Task Ctrl_c_in_the_middle_of_go_build_stops_every_go_process_and_leaves_no_temporary_file()
    {
        await Requires.GoAsync();
        var source = GoBuilder.AssetDirectory("hello");
        using var cli = CliProcess.Start(["go", "build", "--platforms", "all", "--smoke", "", "-C", source, "-o", dir.Combine("bin", "{platform}", "{name}"), "--jobs", "2"], PrivateTemp());

        await cli.WaitForLineAsync(l => l.Contains(" go build ", StringComparison.Ordinal), TimeSpan.FromMinutes(2), "a go build starting");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        cli.Signal(SigInt);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromMinutes(1));

        EndedBySignal(cli, exitCode, 130, "interrupted (SIGINT)");
        Assert.Empty(await Leftovers.ProcessesAfterAsync(dir.Path));
        Assert.Empty(Leftovers.Files(dir.Combine("tmp")));
        Assert.DoesNotContain(Leftovers.Files(dir.Combine("bin")), f => f.Contains(".tmp-", StringComparison.Ordinal));
    }

    [Fact(Timeout = 600_000)]
    public async Task Ctrl_c_in_the_middle_of_an_image_assembly_leaves_no_layout_no_archive_and_no_work_directory()
    {
        var source = await Images.Assembly.AssemblyInputs.CopyToAsync(dir.Combine("src"));
        await dir.WriteRandomAsync("payload", 300); // incompressible: compressing it takes seconds

        using var cli = CliProcess.Start(
            ["image", "assemble", Path.Combine(source, Images.Assembly.AssemblyInputs.Pattern), "--platforms", "linux/amd64,linux/arm64,linux/arm/v7", "--epoch", "0",
             "--file", dir.Combine("payload") + ":/data/payload", "--oci", dir.Combine("out", "layout"), "--tar", dir.Combine("out", "image.tar")],
            PrivateTemp());
        for (var waited = 0; !Directory.Exists(dir.Combine("out")) || !Directory.EnumerateDirectories(dir.Combine("out"), ".crossbuild-assemble-*").Any(); waited++)
        {
            Assert.True(waited < 3000, "the assembly never started");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        cli.Signal(SigInt);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromMinutes(1));

        EndedBySignal(cli, exitCode, 130, "interrupted (SIGINT)");
        Assert.Empty(Directory.GetFileSystemEntries(dir.Combine("out")));
        Assert.Empty(Leftovers.Files(dir.Combine("tmp")));
    }

    [Fact(Timeout = 600_000)]
    public async Task Sigterm_in_the_middle_of_an_image_build_stops_buildx_and_releases_the_builder()
    {
        await Requires.BaseImagesAsync();
        dir.Write("ctx/Dockerfile", $"FROM {Requires.Registry}/crossbuild/busybox:1.37\nRUN --network=none sleep 6.{Random.Shared.Next(100, 999)}\n");
        using var cli = CliProcess.Start(["image", "build", dir.Combine("ctx"), "--platforms", "linux/amd64", "--oci", dir.Combine("layout"), "--path", "/bin/busybox"], PrivateTemp());

        await cli.WaitForLineAsync(l => l.Contains("RUN --network=none sleep", StringComparison.Ordinal), TimeSpan.FromMinutes(2), "the RUN step starting");
        cli.Signal(SigTerm);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromMinutes(1));

        EndedBySignal(cli, exitCode, 143, "terminated (SIGTERM)");
        Assert.Empty(await Leftovers.ProcessesAfterAsync(dir.Path));
        Assert.Empty(Leftovers.Files(dir.Combine("tmp")));
        using var exclusive = await Nuke.CrossBuild.Buildx.BuilderLock.AcquireAsync("default", exclusive: true, TestContext.Current.CancellationToken); // nobody holds the builder
    }

    [Fact(Timeout = 600_000)]
    public async Task Sigterm_during_a_smoke_run_removes_the_container()
    {
        await Requires.BaseImagesAsync();
        dir.Write("ctx/Dockerfile", $"FROM {Requires.Registry}/crossbuild/busybox:1.37\nCMD [\"sleep\", \"120\"]\n");
        var image = $"{Requires.Registry}/crossbuild-signals/smoke:{Guid.NewGuid():n}";
        using var cli = CliProcess.Start(["image", "build", dir.Combine("ctx"), "--platforms", "linux/amd64", "-t", image, "--push", "--smoke", "--path", "/bin/busybox"], PrivateTemp());

        using var engine = await DockerEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        for (var waited = 0; (await engine.LeftoverContainersAsync(cli.Id, TestContext.Current.CancellationToken)).Count == 0; waited++)
        {
            Assert.True(waited < 600, "the smoke container never started");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        cli.Signal(SigTerm);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromMinutes(1));

        EndedBySignal(cli, exitCode, 143, "terminated (SIGTERM)");
        Assert.Empty(await engine.LeftoverContainersAsync(cli.Id, TestContext.Current.CancellationToken));
        Assert.Empty(Leftovers.Files(dir.Combine("tmp")));
    }
}

using System.Globalization;
using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Faults;

/// <summary>
/// Faults in the middle of real runs of the crossbuild CLI: each ends in one clear line, leaves nothing of crossbuild's
/// behind (processes, temporary files, builders), and a rerun succeeds.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class EngineFaultSpecs : IDisposable
{
    private static readonly TimeSpan Run = TimeSpan.FromMinutes(5);
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private Dictionary<string, string?> PrivateTemp()
    {
        Directory.CreateDirectory(dir.Combine("tmp"));
        return new Dictionary<string, string?> { ["TMPDIR"] = dir.Combine("tmp"), ["CI"] = null };
    }

    private static void LastLineSays(CliProcess cli, string expected)
    {
        var errors = cli.StdErr.Where(l => l.StartsWith("crossbuild:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, "expected one crossbuild: line, got:\n" + string.Join('\n', cli.StdErr));
        Assert.Contains(expected, errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain(cli.StdErr, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> BuildersAsync()
        => [.. (await Nuke.CrossBuild.Buildx.BuildxTasks.ListAsync(TestContext.Current.CancellationToken)).Select(b => b.Name)];

    [Fact(Timeout = 600_000)]
    public async Task The_engine_stopping_in_the_middle_of_a_build_is_one_line_and_a_rerun_succeeds()
    {
        await Requires.BaseImagesAsync();
        var marker = "sleep " + (5 + Random.Shared.Next(100, 999) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        dir.Write("ctx/Dockerfile", $"FROM {Requires.Registry}/crossbuild/busybox:1.37\nRUN --network=none {marker}\n");
        var builders = await BuildersAsync();
        string[] args = ["image", "build", dir.Combine("ctx"), "--platforms", "linux/amd64", "--oci", dir.Combine("layout"), "--path", "/bin/busybox"];

        using (var cli = CliProcess.Start(args, PrivateTemp()))
        {
            await cli.WaitForLineAsync(l => l.Contains($"RUN --network=none {marker}", StringComparison.Ordinal), Run, "the RUN step starting");
            StopDockerd();
            Assert.Equal(1, await cli.WaitForExitAsync(Run));
            LastLineSays(cli, "the Docker engine is not answering: docker buildx build");
        }

        Assert.Empty(await Leftovers.ProcessesAfterAsync(dir.Path)); // the docker buildx client processes
        Assert.Empty(Leftovers.Files(dir.Combine("tmp")));
        await Services("start");
        Assert.Empty(await Leftovers.ProcessesAfterAsync(marker, TimeSpan.FromSeconds(20))); // the RUN the engine had started
        Assert.Equal(builders, await BuildersAsync());

        using var rerun = CliProcess.Start(args, PrivateTemp());
        Assert.True(await rerun.WaitForExitAsync(Run) == 0, string.Join('\n', rerun.StdErr));
        Assert.Empty(Leftovers.Files(dir.Combine("tmp")));
    }

    [Fact(Timeout = 600_000)]
    public async Task Buildx_missing_is_one_line_naming_the_plugin()
    {
        await Requires.EngineAsync();
        dir.Write("ctx/Dockerfile", "FROM scratch\n");
        var plugins = new[] { "/usr/libexec/docker/cli-plugins", "/usr/lib/docker/cli-plugins", "/usr/local/lib/docker/cli-plugins" }.Where(Directory.Exists).ToList();
        var hide = string.Join(" && ", plugins.Select(p => $"mount -t tmpfs none {p}"));

        // A private mount namespace hides the plugin from this one command only; the machine keeps its buildx.
        using var cli = CliProcess.Start(["image", "build", dir.Combine("ctx"), "--platforms", "linux/amd64", "--oci", dir.Combine("layout")], PrivateTemp(), ["unshare", "-m", "bash", "-c", hide + " && exec \"$@\"", "hide-buildx"]);

        Assert.Equal(1, await cli.WaitForExitAsync(Run));
        LastLineSays(cli, "docker buildx is not installed");
        Assert.Empty(Leftovers.Files(dir.Combine("tmp")));
    }

    [Fact(Timeout = 900_000)]
    public async Task An_emulator_the_plan_needs_is_registered_again_when_it_went_missing()
    {
        await Requires.BaseImagesAsync();
        Requires.BinfmtWritable();
        dir.Write("ctx/Dockerfile", $"FROM {Requires.Registry}/crossbuild/busybox:1.37\nRUN --network=none busybox uname -m > /tmp/arch\n");
        var arm64 = Platform.LinuxArm64;
        var removed = EmulatorTasks.Uninstall([arm64]);
        try
        {
            Assert.DoesNotContain(BinfmtRegistry.Read(), e => e.Enabled && e.Platforms.Contains(arm64));
            using var cli = CliProcess.Start(["image", "build", dir.Combine("ctx"), "--platforms", "linux/arm64", "--oci", dir.Combine("layout"), "--path", "/bin/busybox"], PrivateTemp());

            Assert.True(await cli.WaitForExitAsync(Run) == 0, string.Join('\n', cli.StdErr.TakeLast(20)));
            Assert.Contains(cli.StdOut.Concat(cli.StdErr), l => l.Contains("emulator: linux/arm64 qemu-aarch64", StringComparison.Ordinal) && l.Contains("registered (not registered)", StringComparison.Ordinal));
            Assert.Contains(BinfmtRegistry.Read(), e => e.Enabled && e.Platforms.Contains(arm64));
        }
        finally
        {
            await Services("start"); // Debian's own registration back, whatever happened
        }

        Assert.NotEmpty(removed);
    }

    [Fact(Timeout = 900_000)]
    public async Task Two_pipelines_at_once_on_one_daemon_both_succeed()
    {
        await Requires.BaseImagesAsync();
        var builders = await BuildersAsync();
        var runs = Enumerable.Range(0, 2).Select(i =>
        {
            dir.Write($"ctx{i}/Dockerfile", $"FROM {Requires.Registry}/crossbuild/busybox:1.37\nRUN --network=none echo {i} > /tmp/which\n");
            return CliProcess.Start(["image", "build", dir.Combine($"ctx{i}"), "--platforms", "linux/amd64,linux/arm64", "-t", $"{Requires.Registry}/crossbuild-faults/two:{i}-{Guid.NewGuid():n}", "--push", "--path", "/bin/busybox"], PrivateTemp());
        }).ToList();
        try
        {
            var codes = await Task.WhenAll(runs.Select(r => r.WaitForExitAsync(Run)));

            Assert.True(codes.All(c => c == 0), string.Join("\n---\n", runs.Select(r => string.Join('\n', r.StdErr.TakeLast(10)))));
            Assert.Equal(builders, await BuildersAsync());
            Assert.Empty(Leftovers.Files(dir.Combine("tmp")));
        }
        finally
        {
            runs.ForEach(r => r.Dispose());
        }
    }

    // SIGTERM to the engine services.sh started (the registry keeps running).
    private static void StopDockerd()
    {
        var pidFile = Path.Combine(Environment.GetEnvironmentVariable("CROSSBUILD_RUN") ?? "/run/crossbuild", "dockerd.pid");
        Assert.True(File.Exists(pidFile), "the engine was not started by eng/services.sh, so this test cannot stop it");
        using var dockerd = System.Diagnostics.Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture));
        Assert.Equal(0, Kill(dockerd.Id, 15));
        Assert.True(dockerd.WaitForExit(30_000), "dockerd did not stop within 30 s");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private static async Task Services(string verb)
    {
        var result = await Tool.RunAsync("bash", [Path.Combine(RepoPaths.Root, "eng", "services.sh"), verb], cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, $"services.sh {verb}: {result.StdErr}");
    }
}

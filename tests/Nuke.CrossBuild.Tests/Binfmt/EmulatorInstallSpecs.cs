using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Binfmt;

/// <summary>Registers a real binfmt_misc entry (loong64, under a test-only name) from a copy of the host's qemu, detects staleness, and removes it.</summary>
public sealed class EmulatorInstallSpecs : IDisposable
{
    private const string Prefix = "crossbuild-test-";
    private static readonly Platform Loong64 = Platform.Parse("linux/loong64");
    private readonly TempDirectory dir = new();

    public void Dispose()
    {
        EmulatorTasks.Uninstall([Loong64], entryPrefix: Prefix);
        dir.Dispose();
    }

    [Fact(Timeout = 300_000)]
    public async Task An_emulator_is_registered_kept_renewed_when_it_changes_and_removed()
    {
        Requires.BinfmtWritable();
        await Requires.GoAsync();
        var qemu = PathLookup.Find("qemu-loongarch64-static") ?? PathLookup.Find("/usr/bin/qemu-loongarch64-static");
        Assert.True(qemu is not null, "qemu-user-static is not installed; run eng/provision-debian.sh");
        File.Copy(qemu, dir.Combine("qemu-loongarch64-static"));
        var binary = await GoBuilder.BuildAsync("hello", Loong64, dir.Combine("hello-loong64"));
        var ct = TestContext.Current.CancellationToken;

        var first = await EmulatorTasks.InstallAsync([Loong64, Platform.LinuxAmd64], interpreterDirectory: dir.Path, entryPrefix: Prefix, allowImage: false, cancellationToken: ct);
        var run = await Tool.RunAsync(binary, [], cancellationToken: ct);
        var second = await EmulatorTasks.InstallAsync([Loong64], interpreterDirectory: dir.Path, entryPrefix: Prefix, allowImage: false, cancellationToken: ct);
        File.SetLastWriteTimeUtc(dir.Combine("qemu-loongarch64-static"), DateTime.UtcNow.AddMinutes(5));
        var third = await EmulatorTasks.InstallAsync([Loong64], interpreterDirectory: dir.Path, entryPrefix: Prefix, allowImage: false, cancellationToken: ct);
        var entry = BinfmtRegistry.Read().Single(e => e.Name.StartsWith(Prefix, StringComparison.Ordinal));
        var removed = EmulatorTasks.Uninstall([Loong64], entryPrefix: Prefix);

        Assert.Equal("registered", Assert.Single(first).Action); // amd64 is native here: skipped
        Assert.Equal("hello from linux/loong64", run.StdOut.Trim());
        Assert.Equal("kept", Assert.Single(second).Action);
        Assert.Equal(("re-registered", "interpreter changed since registration (the kernel still runs the old one)"), (third[0].Action, third[0].Reason));
        Assert.Equal(dir.Combine("qemu-loongarch64-static"), entry.Interpreter);
        Assert.True(entry.FixBinary);
        Assert.Equal([Loong64], entry.Platforms);
        Assert.Equal(Prefix + "qemu-loongarch64" + EmulatorTasks.AlternateSuffix, entry.Name); // the replacement took the other name
        Assert.Equal([Prefix + "qemu-loongarch64" + EmulatorTasks.AlternateSuffix], removed);
        Assert.DoesNotContain(BinfmtRegistry.Read(), e => e.Name.StartsWith(Prefix, StringComparison.Ordinal));
    }

    [Fact(Timeout = 300_000)]
    public async Task Re_registering_never_leaves_the_platform_without_an_emulator_even_when_two_processes_race()
    {
        Requires.BinfmtWritable();
        await Requires.GoAsync();
        var qemu = PathLookup.Find("qemu-loongarch64-static") ?? "/usr/bin/qemu-loongarch64-static";
        File.Copy(qemu, dir.Combine("qemu-loongarch64-static"));
        var binary = await GoBuilder.BuildAsync("hello", Loong64, dir.Combine("hello-loong64"));
        var ct = TestContext.Current.CancellationToken;
        await EmulatorTasks.InstallAsync([Loong64], interpreterDirectory: dir.Path, entryPrefix: Prefix, allowImage: false, cancellationToken: ct);
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var runs = 0;
        var runner = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var run = await Tool.RunAsync(binary, [], cancellationToken: CancellationToken.None);
                Interlocked.Increment(ref runs);
                if (run.ExitCode != 0)
                {
                    failures.Add($"{run.ExitCode}: {run.StdErr.Trim()}");
                }
            }
        }, ct);

        var outcomes = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            // Replace the emulator as a package upgrade does (new file, renamed over the old): every entry is stale again.
            File.Copy(qemu, dir.Combine("qemu-new"), overwrite: true);
            File.Move(dir.Combine("qemu-new"), dir.Combine("qemu-loongarch64-static"), overwrite: true);
            var racers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => EmulatorTasks.InstallAsync([Loong64], interpreterDirectory: dir.Path, entryPrefix: Prefix, allowImage: false, cancellationToken: ct), ct)));
            outcomes.AddRange(racers.Select(r => Assert.Single(r).Action));
            var target = Volatile.Read(ref runs) + 2; // let the emulated binary run across every swap
            for (var wait = 0; Volatile.Read(ref runs) < target && wait < 300; wait++)
            {
                await Task.Delay(100, ct);
            }
        }

        await stop.CancelAsync();
        await runner;

        Assert.True(runs >= 20, $"only {runs} runs happened");
        Assert.Empty(failures);
        Assert.Single(BinfmtRegistry.Read(), e => e.Name.StartsWith(Prefix, StringComparison.Ordinal));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "re-registered", "kept", "re-registered by another process" }));
    }

    [Fact]
    public async Task A_missing_emulator_without_the_image_fallback_says_what_to_install()
    {
        Requires.BinfmtWritable();

        var error = await Assert.ThrowsAsync<EmulatorException>(() => EmulatorTasks.InstallAsync([Loong64], interpreterDirectory: dir.Path, entryPrefix: Prefix, allowImage: false, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("no QEMU emulator for linux/loong64", error.Message, StringComparison.Ordinal);
        Assert.Contains("install qemu-user-static", error.Message, StringComparison.Ordinal);
    }
}

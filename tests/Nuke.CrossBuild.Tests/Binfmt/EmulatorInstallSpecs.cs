using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Internal;
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
        var run = await ToolProcess.RunAsync(binary, [], cancellationToken: ct);
        var second = await EmulatorTasks.InstallAsync([Loong64], interpreterDirectory: dir.Path, entryPrefix: Prefix, allowImage: false, cancellationToken: ct);
        File.SetLastWriteTimeUtc(dir.Combine("qemu-loongarch64-static"), DateTime.UtcNow.AddMinutes(5));
        var third = await EmulatorTasks.InstallAsync([Loong64], interpreterDirectory: dir.Path, entryPrefix: Prefix, allowImage: false, cancellationToken: ct);
        var entry = BinfmtRegistry.Read().Single(e => e.Name == Prefix + "qemu-loongarch64");
        var removed = EmulatorTasks.Uninstall([Loong64], entryPrefix: Prefix);

        Assert.Equal("registered", Assert.Single(first).Action); // amd64 is native here: skipped
        Assert.Equal("hello from linux/loong64", run.StdOut.Trim());
        Assert.Equal("kept", Assert.Single(second).Action);
        Assert.Equal(("re-registered", "interpreter changed since registration (the kernel still runs the old one)"), (third[0].Action, third[0].Reason));
        Assert.Equal(dir.Combine("qemu-loongarch64-static"), entry.Interpreter);
        Assert.True(entry.FixBinary);
        Assert.Equal([Loong64], entry.Platforms);
        Assert.Equal([Prefix + "qemu-loongarch64"], removed);
        Assert.DoesNotContain(BinfmtRegistry.Read(), e => e.Name.StartsWith(Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_emulator_without_the_image_fallback_says_what_to_install()
    {
        Requires.BinfmtWritable();

        var error = await Assert.ThrowsAsync<CrossBuildException>(() => EmulatorTasks.InstallAsync([Loong64], interpreterDirectory: dir.Path, entryPrefix: Prefix, allowImage: false, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("no QEMU emulator for linux/loong64", error.Message, StringComparison.Ordinal);
        Assert.Contains("install qemu-user-static", error.Message, StringComparison.Ordinal);
    }
}

using System.ComponentModel;
using System.Diagnostics;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Matrix;

/// <summary>Whether linux/386 is native is asked of the kernel (IA-32 emulation can be compiled out or off), not read off CPU flags.</summary>
public sealed class CompatProbeSpecs
{
    [Fact]
    public void The_probe_program_is_a_static_linux_386_executable()
    {
        using var stream = new MemoryStream(HostDetectorAccess.Ia32Probe);

        var verification = BinaryVerifier.Verify(BinaryInspector.Inspect("probe", stream), Platform.Linux386, requireStatic: true);

        Assert.True(verification.Ok, string.Join("\n", verification.Problems));
    }

    [Fact]
    public void A_kernel_without_ia32_emulation_does_not_count_386_as_native()
    {
        var flags = new HashSet<string>();

        Assert.DoesNotContain(Platform.Linux386, HostDetectorAccess.Native(Platform.LinuxAmd64, flags, compat32: false));
        Assert.Contains(Platform.Linux386, HostDetectorAccess.Native(Platform.LinuxAmd64, flags, compat32: true));
    }

    [Fact]
    public void No_binfmt_registration_can_answer_for_the_kernel()
    {
        // Debian's and tonistiigi/binfmt's registration for i386, as /proc/sys/fs/binfmt_misc shows it.
        var entry = Nuke.CrossBuild.Machine.BinfmtRegistry.Parse("qemu-i386", "enabled\ninterpreter /usr/bin/qemu-i386-static\nflags: F\noffset 0\nmagic 7f454c4601010100000000000000000002000300\nmask fffffffffffefe00fffffffffffffffffeffffff\n")!;
        var i386 = Nuke.CrossBuild.Platforms.ElfMagic.Bytes(Platform.Linux386.Info.Binary);

        Assert.True(entry.Matches(i386));
        Assert.False(entry.Matches(HostDetectorAccess.Ia32Probe));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_probe_agrees_with_running_a_real_go_386_binary_on_this_kernel()
    {
        await Requires.GoAsync();
        using var dir = new TempDirectory();
        var binary = await GoBuilder.BuildAsync("hello", Platform.Linux386, dir.Combine("hello-386"));
        var bytes = File.ReadAllBytes(binary);
        bytes[15] = 1; // as in the probe: no binfmt_misc entry takes it, so the kernel alone decides
        File.WriteAllBytes(binary, bytes);

        bool? ran = null;
        for (var attempt = 1; ran is null; attempt++)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
                ran = process.ExitCode == 0;
            }
            catch (Win32Exception e) when (e.NativeErrorCode == 26 && attempt < 20)
            {
                // ETXTBSY: a process forked meanwhile by another test still holds the file we just wrote; not the kernel's answer.
                await Task.Delay(10 * attempt, TestContext.Current.CancellationToken);
            }
            catch (Win32Exception)
            {
                ran = false;
            }
        }

        Assert.Equal(ran.Value, HostDetectorAccess.RunsIa32);
    }
}

using System.ComponentModel;
using System.Diagnostics;

namespace Nuke.CrossBuild.Platforms;

/// <summary>
/// Asks the kernel whether it runs the host CPU's 32-bit mode (i386 on x86-64) by executing a 93-byte static
/// program that only calls exit(0). A CPU flag says nothing here: kernels built with IA-32 emulation disabled by
/// default (and Firecracker guests) refuse such binaries with "Exec format error". The probe's last e_ident padding byte
/// is 1: the kernel's ELF loader ignores padding, but every binfmt_misc mask for i386 (Debian's, tonistiigi/binfmt's)
/// requires it to be 0, so a registered qemu-i386 cannot answer in the kernel's place. What counts is that the kernel
/// loads and starts it: some kernels run IA-32 programs but kill the legacy <c>int 0x80</c> the probe exits with
/// (SIGSEGV, seen on a 6.18 Firecracker guest where Go's linux/386 binaries, which enter through the vDSO, run fine),
/// so a probe ended by a signal counts as run too; a refusal is an exec error.
/// </summary>
internal static class CompatProbe
{
    /// <summary>Gets whether this kernel executes linux/386 binaries itself.</summary>
    public static bool RunsIa32 => OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64 && Ia32.Value;

    // ELF32 header (padding byte 15 set, see above), one PT_LOAD program header at 0x08048000, then: mov eax,1; xor ebx,ebx; int 0x80.
    internal static readonly byte[] Ia32Exit =
    [
        0x7f, 0x45, 0x4c, 0x46, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
        0x02, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x54, 0x80, 0x04, 0x08, 0x34, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x34, 0x00, 0x20, 0x00, 0x01, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x04, 0x08, 0x00, 0x80,
        0x04, 0x08, 0x5d, 0x00, 0x00, 0x00, 0x5d, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x10,
        0x00, 0x00, 0x00, 0x00, 0xb8, 0x01, 0x00, 0x00, 0x00, 0x31, 0xdb, 0xcd, 0x80,
    ];

    private static readonly Lazy<bool> Ia32 = new(() => OperatingSystem.IsLinux() && Runs(Ia32Exit));

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    internal static bool Runs(byte[] program)
    {
        var directory = Directory.CreateTempSubdirectory("crossbuild-probe-");
        try
        {
            var path = Path.Combine(directory.FullName, "probe");
            File.WriteAllBytes(path, program);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            using var process = StartWritten(path);
            if (process is null)
            {
                return false;
            }

            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                process.Kill();
                return false;
            }

            return process.ExitCode == 0 || process.ExitCode > 128; // exit(0), or a signal after the kernel started it
        }
        catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // A file just written can be "busy" (ETXTBSY) for a moment: a process forked by another thread meanwhile holds the
    // write descriptor until it execs. That is not the kernel refusing IA-32 code, so it is retried.
    private static Process? StartWritten(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Process.Start(new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true });
            }
            catch (Win32Exception e) when (e.NativeErrorCode == TextFileBusy && attempt < 20)
            {
                Thread.Sleep(10 * attempt);
            }
        }
    }

    private const int TextFileBusy = 26; // ETXTBSY on Linux
}

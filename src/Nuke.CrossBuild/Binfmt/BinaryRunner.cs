using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Binfmt;

/// <summary>
/// Runs a binary built for a platform as that platform's weakest CPU would (<see cref="PlatformInfo.QemuCpu"/>):
/// natively when the host runs the platform and the binary needs no more than the platform guarantees (Go's GOAMD64 and
/// GOARM, the ELF ARM level), else under the platform's QEMU with that CPU model — through its binfmt_misc registration
/// (QEMU reads <c>QEMU_CPU</c> from the environment) or <c>qemu-&lt;arch&gt;-static -cpu</c> directly. So a GOARM=7 binary run
/// as linux/arm/v6 dies with SIGILL here exactly as on a Raspberry Pi Zero. Standard input is closed, the run has a time
/// limit, and cancellation stops the emulator with what it started.
/// </summary>
public static class BinaryRunner
{
    /// <summary>Runs a binary with arguments and a time limit.</summary>
    /// <param name="path">The binary.</param>
    /// <param name="platform">The platform it was built for.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">The time limit, or null for one minute.</param>
    /// <param name="emulate">Whether to emulate the platform's weakest CPU even where the host could run the binary natively.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The outcome, exit code passed through (128 + signal when a signal ended it).</returns>
    /// <exception cref="EmulatorException">No way to run it here, or the time limit passed.</exception>
    public static async Task<BinaryRun> RunAsync(string path, Platform platform, IReadOnlyList<string> arguments, TimeSpan? timeout = null, bool emulate = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(arguments);
        var report = BinaryInspector.Inspect(path);
        if (report.Error is not null)
        {
            throw new EmulatorException($"cannot run {path}: {report.Error}");
        }

        var native = !emulate && HostDetector.NativePlatforms(Platform.Host, HostDetector.ReadCpuFlags(), CompatProbe.RunsIa32).Contains(platform) && NeedsNoMore(report, platform);
        var (file, args, env, how) = native ? (Path.GetFullPath(path), (IEnumerable<string>)arguments, new Dictionary<string, string?>(), "native") : Emulated(path, platform, report, arguments);
        var limit = timeout ?? TimeSpan.FromMinutes(1);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            var result = await Tool.RunAsync(file, args, new ToolRunOptions { Environment = env, GracePeriod = TimeSpan.FromSeconds(2) }, deadline.Token).ConfigureAwait(false);
            return new BinaryRun(how, result.ExitCode, (result.StdOut + result.StdErr).TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmulatorException($"{path} ({platform}, {how}) did not finish within {limit.TotalSeconds:0} s");
        }
    }

    // The host runs the platform's code, but natively it would also run code above the platform's level: check the binary's.
    private static bool NeedsNoMore(BinaryReport report, Platform platform) => platform.Architecture switch
    {
        "amd64" => string.CompareOrdinal(report.Go?.Setting("GOAMD64") ?? "v1", platform.Info.Go.Goamd64 ?? "v1") <= 0,
        "arm" => report.ArmLevel is not { } level || level <= platform.Info.ArmLevel,
        _ => true,
    };

    private static (string File, IEnumerable<string> Args, Dictionary<string, string?> Env, string How) Emulated(string path, Platform platform, BinaryReport report, IReadOnlyList<string> arguments)
    {
        var cpu = platform.Info.QemuCpu;
        var libraries = $"/usr/{platform.Info.GnuTriple}";
        var env = new Dictionary<string, string?>();
        if (report.Interpreter is not null)
        {
            env["QEMU_LD_PREFIX"] = libraries; // where a dynamic foreign binary's loader and libc are
        }

        var header = ReadHeader(path);
        var entry = BinfmtRegistry.Read().FirstOrDefault(e => e.Enabled && e.Matches(header));
        var direct = platform.Info.Qemu is { } qemu ? PathLookup.Find(qemu + "-static") ?? PathLookup.Find(qemu) : null;
        var cpuNote = cpu is null ? string.Empty : $" (cpu {cpu})";
        if (entry is not null && (entry.FixBinary || File.Exists(entry.Interpreter)))
        {
            if (cpu is not null)
            {
                env["QEMU_CPU"] = cpu; // binfmt_misc runs the emulator with this process's environment
            }

            return (Path.GetFullPath(path), arguments, env, $"binfmt {entry.Name}{cpuNote}");
        }

        if (direct is not null)
        {
            return (direct, [.. cpu is null ? [] : new[] { "-cpu", cpu }, "-L", libraries, Path.GetFullPath(path), .. arguments], env, Path.GetFileName(direct) + cpuNote);
        }

        throw entry is not null
            ? new EmulatorException($"cannot run {path} ({platform}): binfmt entry {entry.Name} points at {entry.Interpreter}, which no longer exists and was not registered with the F flag; re-register it (eng/services.sh start) or install qemu-user-static")
            : new EmulatorException($"cannot run {path} ({platform}) on this {Platform.Host} host: no binfmt_misc registration matches it and {platform.Info.Qemu ?? "qemu"}-static is not on PATH; install qemu-user-static and register it (eng/services.sh start)");
    }

    private static byte[] ReadHeader(string path)
    {
        var header = new byte[64];
        using var stream = File.OpenRead(path);
        return header[..stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)];
    }
}

using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Binfmt;

/// <summary>Runs a binary built for another platform: natively when the host can, else through its binfmt_misc registration, else with <c>qemu-&lt;arch&gt;-static</c> directly.</summary>
public static class BinaryRunner
{
    /// <summary>Runs a binary with arguments and a time limit.</summary>
    /// <param name="path">The binary.</param>
    /// <param name="platform">The platform it was built for.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">The time limit, or null for one minute.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="CrossBuildException">No way to run it here: no registration and no emulator, or a registration whose interpreter is gone.</exception>
    public static async Task<BinaryRun> RunAsync(string path, Platform platform, IReadOnlyList<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(arguments);
        var host = Platform.Host;
        var runsNatively = HostDetector.NativePlatforms(host, HostDetector.ReadCpuFlags(), CompatProbe.RunsIa32).Contains(platform);
        var report = BinaryInspector.Inspect(path);
        var env = new Dictionary<string, string?>();
        string how;
        string file = Path.GetFullPath(path);
        IEnumerable<string> args = arguments;
        if (runsNatively)
        {
            how = "native";
        }
        else
        {
            var libraries = $"/usr/{platform.Info.GnuTriple}";
            if (report.Interpreter is not null)
            {
                env["QEMU_LD_PREFIX"] = libraries; // where a dynamic foreign binary's loader and libc are
            }

            var header = new byte[64];
            int headerLength;
            using (var stream = File.OpenRead(path))
            {
                headerLength = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            }

            header = header[..headerLength];
            var entry = BinfmtRegistry.Read().FirstOrDefault(e => e.Enabled && e.Matches(header));
            var direct = platform.Info.Qemu is { } qemu ? PathLookup.Find(qemu + "-static") ?? PathLookup.Find(qemu) : null;
            if (entry is not null && (entry.FixBinary || File.Exists(entry.Interpreter)))
            {
                how = $"binfmt {entry.Name}";
            }
            else if (direct is not null)
            {
                how = Path.GetFileName(direct);
                (file, args) = (direct, ["-L", libraries, Path.GetFullPath(path), .. arguments]);
            }
            else if (entry is not null)
            {
                throw new CrossBuildException($"cannot run {path} ({platform}): binfmt entry {entry.Name} points at {entry.Interpreter}, which no longer exists and was not registered with the F flag; re-register it (eng/services.sh start) or install qemu-user-static");
            }
            else
            {
                throw new CrossBuildException($"cannot run {path} ({platform}) on this {host} host: no binfmt_misc registration matches it and {platform.Info.Qemu ?? "qemu"}-static is not on PATH; install qemu-user-static and register it (eng/services.sh start)");
            }
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            var result = await ToolProcess.RunAsync(file, args, env, cancellationToken: limit.Token).ConfigureAwait(false);
            return new BinaryRun(how, result.ExitCode, (result.StdOut + result.StdErr).TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CrossBuildException($"{path} ({platform}, {how}) did not finish within {(timeout ?? TimeSpan.FromMinutes(1)).TotalSeconds:0} s");
        }
    }
}

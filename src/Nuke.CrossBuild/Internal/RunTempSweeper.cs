using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Internal;

/// <summary>
/// Removes the run directories (<c>crossbuild-&lt;pid&gt;-&lt;random&gt;</c>) that killed runs left in the temporary folder:
/// on Linux, only directories (never a link) this user owns and only this user can write, untouched for an hour, whose
/// process is gone and whose <see cref="RunTemp.AliveFile"/> nobody holds locked (a run in another PID namespace sharing
/// the folder holds it), and only in a temporary folder that is sticky or writable by this user alone. Owning it is
/// what makes the recursive delete safe: a directory someone else made could have a subdirectory swapped for a link to
/// elsewhere between listing and deleting (a root run would then delete what the link points to), while nobody else can
/// write inside a run directory of ours (owner-only). Elsewhere nothing is swept.
/// </summary>
internal static partial class RunTempSweeper
{
    private const UnixFileMode OthersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>How long a run directory must be untouched before it is removed (a PID seen as gone from inside another PID namespace can still be running).</summary>
    public static readonly TimeSpan Age = TimeSpan.FromHours(1);

    /// <summary>Removes stale run directories under <paramref name="root"/>.</summary>
    /// <param name="root">The temporary folder.</param>
    /// <param name="now">The time now (UTC).</param>
    /// <param name="isRunning">Whether a process ID names a running process.</param>
    /// <param name="keep">This run's own directory, or null.</param>
    /// <returns>How many directories were removed.</returns>
    public static int Sweep(string root, DateTime now, Func<int, bool> isRunning, string? keep)
    {
        if (!OperatingSystem.IsLinux() || !IsGuarded(root))
        {
            return 0;
        }

        var removed = 0;
        try
        {
            foreach (var path in Directory.EnumerateDirectories(root, "crossbuild-*"))
            {
                removed += IsStale(path, now, isRunning, keep) && TryDelete(path) ? 1 : 0;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // Sweeping is a courtesy: a folder that cannot be listed costs nothing but the leftovers.
        }

        return removed;
    }

    /// <summary>Whether a process ID names a running process on this machine.</summary>
    /// <param name="pid">The process ID.</param>
    /// <returns>True when it runs (or cannot be told).</returns>
    public static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return !Directory.Exists("/proc/self") || Directory.Exists($"/proc/{pid}"); // no /proc mounted: cannot tell
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static bool IsStale(string path, DateTime now, Func<int, bool> isRunning, string? keep)
    {
        var match = RunName().Match(Path.GetFileName(path));
        if (!match.Success || string.Equals(path, keep, StringComparison.Ordinal) || !int.TryParse(match.Groups["pid"].Value, out var pid))
        {
            return false;
        }

        var info = new DirectoryInfo(path);
        return UnixFile.KindOf(path) == FileKind.Directory && UnixFile.OwnerOf(path) == Native.EffectiveUserId()
            && (File.GetUnixFileMode(path) & OthersWrite) == 0
            && now - info.LastWriteTimeUtc > Age && pid != Environment.ProcessId && !isRunning(pid) && !IsHeld(path);
    }

    // Another user may rename entries of a folder it can write unless the folder is sticky: then our directory could be
    // swapped for a link between the checks and the delete. Sweep only where that cannot happen.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static bool IsGuarded(string root)
    {
        var mode = File.GetUnixFileMode(root);
        return (mode & OthersWrite) == 0 || (mode & UnixFileMode.StickyBit) != 0;
    }

    // True while a process (here or in another PID namespace) holds the run's alive file locked.
    private static bool IsHeld(string path)
    {
        var file = Path.Combine(path, RunTemp.AliveFile);
        if (UnixFile.KindOf(file) != FileKind.Regular)
        {
            return false; // a run from before the alive file, or killed before it made one: the process id and the age decide
        }

        try
        {
            using var probe = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^crossbuild-(?<pid>[0-9]{1,10})-[A-Za-z0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunName();
}

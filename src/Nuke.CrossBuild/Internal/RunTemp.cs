namespace Nuke.CrossBuild.Internal;

/// <summary>
/// The one temporary directory of this process (<c>$TMPDIR/crossbuild-&lt;pid&gt;-&lt;random&gt;</c>), made on first use and
/// removed at exit, on Ctrl+C/SIGTERM (the CLI calls <see cref="Delete"/>) and by <see cref="Delete"/>; those a killed run
/// left are removed by the next run (<see cref="RunTempSweeper"/>). Files that only
/// this process reads are unlinked as soon as they are opened, so not even a SIGKILL leaves them behind.
/// </summary>
internal static class RunTemp
{
    /// <summary>The file in a run directory its process holds locked (flock) while it lives, in any PID namespace.</summary>
    public const string AliveFile = ".alive";

    private static readonly Lock Gate = new();
    private static string? directory;
    private static FileStream? alive;

    static RunTemp() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete();

    /// <summary>Gets the directory, creating it when needed.</summary>
    public static string Directory
    {
        get
        {
            string made;
            lock (Gate)
            {
                if (directory is not null && System.IO.Directory.Exists(directory))
                {
                    return directory;
                }

                alive?.Dispose();
                made = directory = System.IO.Directory.CreateTempSubdirectory($"crossbuild-{Environment.ProcessId}-").FullName;
                alive = HoldAlive(made);
            }

            // What killed runs (SIGKILL, a cancelled CI job) left behind goes when the next run makes its directory,
            // outside the lock, so other threads do not wait for it.
            RunTempSweeper.Sweep(Path.GetTempPath(), DateTime.UtcNow, RunTempSweeper.IsRunning, made);
            return made;
        }
    }

    /// <summary>Creates a read-write file with no name (unlinked at once on Unix; deleted on close elsewhere).</summary>
    public static FileStream CreateAnonymousFile()
    {
        var path = Path.Combine(Directory, Guid.NewGuid().ToString("n"));
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, 81920, OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path);
        }

        return stream;
    }

    /// <summary>Creates a named subdirectory for work that needs paths (removed with the run's directory).</summary>
    public static string CreateDirectory(string prefix)
    {
        var path = Path.Combine(Directory, $"{prefix}-{Guid.NewGuid():n}");
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Removes the directory and everything in it; safe to call more than once.</summary>
    public static void Delete()
    {
        lock (Gate)
        {
            if (directory is null)
            {
                return;
            }

            alive?.Dispose();
            alive = null;
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException)
            {
                // A child process may still hold a file; the rest is gone.
            }
            catch (UnauthorizedAccessException)
            {
            }

            directory = null;
        }
    }

    // .NET locks a file opened with FileShare.None (flock LOCK_EX on Unix); the kernel drops it when the process ends,
    // even on SIGKILL, so a sweeper that can take it knows the run is over.
    private static FileStream? HoldAlive(string made)
    {
        try
        {
            return new FileStream(Path.Combine(made, AliveFile), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the sweeper then falls back to the process id and the age
        }
    }
}

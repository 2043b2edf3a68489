namespace Nuke.CrossBuild.Internal;

/// <summary>
/// The one temporary directory of this process (<c>$TMPDIR/crossbuild-&lt;pid&gt;-&lt;random&gt;</c>), made on first use and
/// removed at exit, on Ctrl+C/SIGTERM (the CLI calls <see cref="Delete"/>) and by <see cref="Delete"/>; those a killed run
/// left are removed by the next run (<see cref="RunTempSweeper"/>). Files that only
/// this process reads are unlinked as soon as they are opened, so not even a SIGKILL leaves them behind.
/// </summary>
internal static class RunTemp
{
    private static readonly Lock Gate = new();
    private static string? directory;

    static RunTemp() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete();

    /// <summary>Gets the directory, creating it when needed.</summary>
    public static string Directory
    {
        get
        {
            lock (Gate)
            {
                if (directory is null || !System.IO.Directory.Exists(directory))
                {
                    var first = directory is null;
                    directory = System.IO.Directory.CreateTempSubdirectory($"crossbuild-{Environment.ProcessId}-").FullName;
                    if (first)
                    {
                        // What killed runs (SIGKILL, a cancelled CI job) left behind goes on the first use of the next run.
                        RunTempSweeper.Sweep(Path.GetTempPath(), DateTime.UtcNow, RunTempSweeper.IsRunning, directory);
                    }
                }

                return directory;
            }
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
}

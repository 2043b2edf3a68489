using System.Globalization;

namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>What a run may leave behind: processes whose command line or environment carries a marker, files in a private TMPDIR.</summary>
internal static class Leftovers
{
    /// <summary>Lists live processes (not this one) whose command line contains the marker, as "pid: command line".</summary>
    public static IReadOnlyList<string> Processes(string marker)
    {
        var found = new List<string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                var environ = File.Exists(Path.Combine(dir, "environ")) ? File.ReadAllText(Path.Combine(dir, "environ")) : string.Empty;
                if ((cmdline.Contains(marker, StringComparison.Ordinal) || environ.Contains(marker, StringComparison.Ordinal)) && !IsZombie(dir))
                {
                    found.Add($"{pid}: {cmdline}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    /// <summary>Waits up to a few seconds for the marked processes to go (children may take a moment after their parent), then lists what is left.</summary>
    public static async Task<IReadOnlyList<string>> ProcessesAfterAsync(string marker, TimeSpan? grace = null)
    {
        var deadline = DateTime.UtcNow + (grace ?? TimeSpan.FromSeconds(10));
        IReadOnlyList<string> left;
        while ((left = Processes(marker)).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        return left;
    }

    /// <summary>Lists what is in a directory tree (files and directories), relative.</summary>
    public static IReadOnlyList<string> Files(string directory)
        => Directory.Exists(directory) ? [.. Directory.GetFileSystemEntries(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f))] : [];

    private static bool IsZombie(string dir)
    {
        var stat = File.ReadAllText(Path.Combine(dir, "stat"));
        var close = stat.LastIndexOf(')');
        return close > 0 && close + 2 < stat.Length && stat[close + 2] == 'Z';
    }
}

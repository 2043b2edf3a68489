using System.Globalization;

namespace Nuke.CrossBuild.Internal;

/// <summary>A process's descendants, read from /proc, and signals to all of them (a SIGTERM to crossbuild reaches only crossbuild; its tools' children must be told too).</summary>
internal static class ProcessTree
{
    public const int SigInt = 2, SigKill = 9, SigTerm = 15;

    /// <summary>Lists a process's descendants with their start times (so a reused PID is never signalled), deepest last.</summary>
    public static IReadOnlyList<(int Pid, ulong Start)> Descendants(int root)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var parents = new Dictionary<int, List<(int Pid, ulong Start)>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }

            (parents.TryGetValue(stat.Parent, out var list) ? list : parents[stat.Parent] = []).Add((pid, stat.Start));
        }

        var result = new List<(int, ulong)>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            foreach (var child in parents.GetValueOrDefault(queue.Dequeue()) ?? [])
            {
                result.Add(child);
                queue.Enqueue(child.Pid);
            }
        }

        return result;
    }

    /// <summary>Signals processes that are still the ones listed (same start time).</summary>
    public static void Signal(IEnumerable<(int Pid, ulong Start)> processes, int signal)
    {
        foreach (var (pid, start) in processes)
        {
            if (Stat(pid) is { } stat && stat.Start == start)
            {
                _ = Native.Kill(pid, signal);
            }
        }
    }

    private static (int Parent, ulong Start)? Stat(int pid)
    {
        try
        {
            // pid (comm) state ppid ... field 22 is the start time; comm may hold spaces and parentheses.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), ulong.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

using System.Globalization;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Machine;

/// <summary>Reads the kernel's binfmt_misc registrations into typed entries.</summary>
public static class BinfmtRegistry
{
    /// <summary>The usual mount point of binfmt_misc.</summary>
    public const string DefaultMount = "/proc/sys/fs/binfmt_misc";

    /// <summary>Reads every entry; an unmounted or unreadable binfmt_misc gives an empty list.</summary>
    /// <param name="mount">The binfmt_misc directory.</param>
    /// <returns>The entries, by name.</returns>
    public static IReadOnlyList<BinfmtEntry> Read(string mount = DefaultMount)
    {
        if (!File.Exists(Path.Combine(mount, "register")))
        {
            return [];
        }

        var entries = new List<BinfmtEntry>();
        foreach (var file in Directory.EnumerateFiles(mount).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name is "register" or "status")
            {
                continue;
            }

            try
            {
                var entry = Parse(name, File.ReadAllText(file));
                if (entry is not null)
                {
                    entries.Add(entry);
                }
            }
            catch (IOException)
            {
                // Entry removed while reading: skip it.
            }
            catch (UnauthorizedAccessException)
            {
                // Not readable: skip it.
            }
        }

        return entries;
    }

    /// <summary>Gets the platforms some enabled entry emulates.</summary>
    /// <param name="entries">The entries, as <see cref="Read"/> returns them.</param>
    /// <returns>The emulated platforms.</returns>
    public static IReadOnlySet<Platform> EmulatedPlatforms(IEnumerable<BinfmtEntry> entries)
        => entries.Where(e => e.Enabled).SelectMany(e => e.Platforms).ToHashSet();

    /// <summary>Parses the text the kernel shows for one entry.</summary>
    /// <param name="name">The entry name.</param>
    /// <param name="text">The file's content.</param>
    /// <returns>The entry, or null when the text is not an entry.</returns>
    public static BinfmtEntry? Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || lines[0] is not ("enabled" or "disabled"))
        {
            return null;
        }

        string? Value(string key) => lines.FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal))?[(key.Length + 1)..].Trim();
        var magic = Hex(Value("magic"));
        return new BinfmtEntry
        {
            Name = name,
            Enabled = lines[0] == "enabled",
            Interpreter = Value("interpreter") ?? string.Empty,
            Flags = lines.FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal))?[6..].Trim() ?? string.Empty,
            Offset = int.TryParse(Value("offset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? offset : 0,
            Magic = magic,
            Mask = Value("mask") is { } mask ? Hex(mask) : [.. Enumerable.Repeat((byte)0xff, magic.Length)],
        };
    }

    private static byte[] Hex(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length % 2 != 0)
        {
            return [];
        }

        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}

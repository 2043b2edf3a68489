using System.Formats.Tar;

namespace Nuke.CrossBuild.Images;

/// <summary>One tar entry of a layer, as metadata: where it is in its layer, its cleaned path, its type, link target and size.</summary>
/// <param name="Index">The entry's position in its layer's tar (0-based), to find its data again.</param>
/// <param name="Path">The path, cleaned: no leading <c>/</c> or <c>./</c>, <c>..</c> clamped at the root; empty for the root itself.</param>
/// <param name="Type">The tar entry type.</param>
/// <param name="LinkName">The link target of a symbolic or hard link, else null.</param>
/// <param name="Size">The data size of a regular file.</param>
internal sealed record LayerEntry(long Index, string Path, TarEntryType Type, string? LinkName, long Size)
{
    public bool IsRegular => Type is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;

    /// <summary>Cleans a path the way an extractor confined to a root would: <c>..</c> never leaves the root.</summary>
    public static string Clean(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}

using System.Formats.Tar;
using Nuke.CrossBuild.Tar;

namespace Nuke.CrossBuild.Assembling;

/// <summary>Writes an OCI layout directory as a tarball, reproducibly: sorted ustar entries, uid/gid 0, every time the epoch.</summary>
internal static class LayoutArchive
{
    public static async Task WriteAsync(string layout, string archive, long epoch, CancellationToken cancellationToken)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(epoch);
        var files = Directory.GetFiles(layout, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(layout, f).Replace('\\', '/'))
            .ToList();
        var entries = ImagePaths.ParentsOf(files).Concat(files).Order(StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        var temp = $"{archive}.tmp-{Environment.ProcessId}-{Guid.NewGuid():n}";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
            {
                foreach (var name in entries)
                {
                    var entry = name.EndsWith('/')
                        ? new LayerTarEntry(name, TarEntryType.Directory, ImagePaths.Executable, 0, 0, null, null)
                        : new LayerTarEntry(name, TarEntryType.RegularFile, ImagePaths.Data, 0, 0, null, null) { SourceFile = Path.Combine(layout, name) };
                    await ReproducibleLayer.WriteEntryAsync(writer, entry, time, cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temp, archive, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

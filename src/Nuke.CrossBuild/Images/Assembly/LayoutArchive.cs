using System.Formats.Tar;

namespace Nuke.CrossBuild.Images.Assembly;

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
                    var directory = name.EndsWith('/');
                    var entry = new UstarTarEntry(directory ? TarEntryType.Directory : TarEntryType.RegularFile, name)
                    {
                        Mode = (UnixFileMode)(directory ? 0b111_101_101 : 0b110_100_100), Uid = 0, Gid = 0,
                        UserName = string.Empty, GroupName = string.Empty, ModificationTime = time,
                    };
                    await using var content = directory ? null : File.OpenRead(Path.Combine(layout, name));
                    if (content is not null)
                    {
                        entry.DataStream = content;
                    }

                    await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
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

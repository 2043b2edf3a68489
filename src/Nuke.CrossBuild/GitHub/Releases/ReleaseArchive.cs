using System.Formats.Tar;
using System.IO.Compression;
using Nuke.CrossBuild.Images.Assembly;

namespace Nuke.CrossBuild.GitHub.Releases;

/// <summary>
/// Writes a platform's archive reproducibly: <c>.tar.gz</c> (ustar, entries sorted, root-owned with no names, every time the
/// epoch, gzip with no name or time) or, for Windows, <c>.zip</c> (entries sorted, every time the epoch, at least 1980).
/// </summary>
internal static class ReleaseArchive
{
    /// <summary>Writes the archive of files (host path, name in the archive, executable) to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<(string Source, string Name, bool Executable)> files, long epoch, bool zip, CancellationToken cancellationToken)
    {
        var sorted = files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var temp = path + $".tmp-{Guid.NewGuid():n}";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                if (zip)
                {
                    await WriteZipAsync(file, sorted, epoch, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await using var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
                    await using var writer = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
                    var time = DateTimeOffset.FromUnixTimeSeconds(epoch);
                    foreach (var (source, name, executable) in sorted)
                    {
                        var entry = new LayerTarEntry(name, TarEntryType.RegularFile, executable ? ImagePaths.Executable : ImagePaths.Data, 0, 0, null, null) { SourceFile = source };
                        await ReproducibleLayer.WriteEntryAsync(writer, entry, time, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task WriteZipAsync(Stream output, IReadOnlyList<(string Source, string Name, bool Executable)> files, long epoch, CancellationToken cancellationToken)
    {
        // Zip times are DOS times: 1980 at the earliest, two-second steps, no zone.
        var time = DateTimeOffset.FromUnixTimeSeconds(Math.Max(epoch, 315532800));
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (source, name, executable) in files)
        {
            var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = time;
            entry.ExternalAttributes = (int)((executable ? 0b1_000_111_101_101u : 0b1_000_110_100_100u) << 16); // regular file, 0755 / 0644
            await using var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var content = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await content.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }
    }
}

using System.Formats.Tar;
using System.IO.Compression;

namespace Nuke.CrossBuild.Images.Assembly;

/// <summary>
/// Writes a layer whose bytes depend only on the files' contents, paths and modes and on the epoch: entries sorted
/// byte-wise with their parent directories first, ustar headers (no PAX header, so no process id in a header name),
/// uid/gid 0 with no user or group names, every time the epoch, and gzip at a fixed level with no name or time in its
/// header. Hashed while written: one pass gives the blob's digest and size and the uncompressed diff_id.
/// </summary>
internal static class ReproducibleLayer
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101; // 0755

    /// <summary>Writes the layer into <paramref name="blobs"/> (an OCI layout's <c>blobs/sha256</c>).</summary>
    public static async Task<(OciDescriptor Layer, OciDigest DiffId)> WriteAsync(IReadOnlyList<LayerFile> files, long epoch, string blobs, CancellationToken cancellationToken)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(epoch);
        var entries = ImagePaths.ParentsOf(files.Select(f => f.Destination)).Select(d => (Path: d, File: (LayerFile?)null))
            .Concat(files.Select(f => (Path: f.Destination, File: (LayerFile?)f)))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        var temp = Path.Combine(blobs, $".layer-{Guid.NewGuid():n}");
        try
        {
            OciDigest digest, diffId;
            long size;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await using var compressed = new HashingWriteStream(file, leaveOpen: true);
                await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
                {
                    await using var tar = new HashingWriteStream(gzip, leaveOpen: true);
                    await using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
                    {
                        foreach (var (path, layerFile) in entries)
                        {
                            await WriteEntryAsync(writer, path, layerFile, time, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    diffId = tar.Digest();
                }

                (digest, size) = (compressed.Digest(), compressed.Written);
            }

            File.Move(temp, Path.Combine(blobs, digest.Encoded), overwrite: true);
            return (new OciDescriptor { MediaType = MediaTypes.OciLayerGzip, Digest = digest.ToString(), Size = size }, diffId);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task WriteEntryAsync(TarWriter writer, string path, LayerFile? file, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var entry = new UstarTarEntry(file is null ? TarEntryType.Directory : TarEntryType.RegularFile, path)
        {
            Mode = file?.Mode ?? DirectoryMode, Uid = 0, Gid = 0, UserName = string.Empty, GroupName = string.Empty, ModificationTime = time,
        };
        if (file is null)
        {
            await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var content = new FileStream(file.Source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        entry.DataStream = content;
        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }
}

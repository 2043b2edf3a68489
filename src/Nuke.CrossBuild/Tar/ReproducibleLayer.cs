using System.Formats.Tar;
using System.IO.Compression;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Streams;

namespace Nuke.CrossBuild.Tar;

/// <summary>
/// Writes a layer whose bytes depend only on the files' contents, paths and modes and on the epoch: entries sorted
/// byte-wise with their parent directories first, ustar headers (no PAX header, so no process id in a header name),
/// uid/gid 0 with no user or group names, every time the epoch, and gzip at a fixed level with no name or time in its
/// header. Hashed while written: one pass gives the blob's digest and size and the uncompressed diff_id.
/// </summary>
internal static class ReproducibleLayer
{
    /// <summary>
    /// The zlib level of a layer of files (a program and its extras: the layer an edit changes). Level 2 takes about 0.6 of
    /// <see cref="CompressionLevel.Optimal"/>'s (6) time on a 1.5-2 MB Go binary for about 5 % more bytes (docs/benchmarks.md,
    /// 2026-12-08); <see cref="CompressionLevel.Fastest"/> (1) is faster still but about 25 % larger. A fixed level: the same
    /// files give the same bytes.
    /// </summary>
    public const int FilesLevel = 2;

    /// <summary>The zlib level of a root file system layer (made once, then reused: size matters more than time).</summary>
    public const int RootfsLevel = 6;

    /// <summary>Writes a layer of files (their parent directories added) into <paramref name="blobs"/> (an OCI layout's <c>blobs/sha256</c>).</summary>
    public static Task<(OciDescriptor Layer, OciDigest DiffId)> WriteAsync(IReadOnlyList<LayerFile> files, long epoch, string blobs, CancellationToken cancellationToken)
    {
        var entries = ImagePaths.ParentsOf(files.Select(f => f.Destination))
            .Select(d => new LayerTarEntry(d, TarEntryType.Directory, ImagePaths.Executable, 0, 0, null, null))
            .Concat(files.Select(f => new LayerTarEntry(f.Destination, TarEntryType.RegularFile, f.Mode, 0, 0, null, null) { SourceFile = f.Source }))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return WriteEntriesAsync(entries, epoch, blobs, FilesLevel, cancellationToken);
    }

    /// <summary>Writes entries, in the order given (sorted by the caller), into <paramref name="blobs"/>.</summary>
    public static async Task<(OciDescriptor Layer, OciDigest DiffId)> WriteEntriesAsync(IReadOnlyList<LayerTarEntry> entries, long epoch, string blobs, int level, CancellationToken cancellationToken)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(epoch);
        var temp = Path.Combine(blobs, $".layer-{Guid.NewGuid():n}");
        try
        {
            OciDigest digest, diffId;
            long size;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await using var compressed = new HashingWriteStream(file, leaveOpen: true);
                await using (var gzip = new GZipStream(compressed, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
                {
                    await using var tar = new HashingWriteStream(gzip, leaveOpen: true);
                    await using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
                    {
                        foreach (var entry in entries)
                        {
                            await WriteEntryAsync(writer, entry, time, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Writes one entry the reproducible way (ustar, no user or group names, the given time); shared with <see cref="LayoutArchive"/>.</summary>
    public static async Task WriteEntryAsync(TarWriter writer, LayerTarEntry e, DateTimeOffset time, CancellationToken cancellationToken)
    {
        if (e.Name.Length > 255 || (e.LinkName?.Length ?? 0) > 100)
        {
            throw new LayerContentException($"cannot write {e.Name} into a layer: expected a name of at most 255 characters and a link target of at most 100 (ustar)");
        }

        var entry = new UstarTarEntry(e.Type, e.Name)
        {
            Mode = e.Mode, Uid = e.Uid, Gid = e.Gid, UserName = string.Empty, GroupName = string.Empty, ModificationTime = time,
        };
        if (e.LinkName is { } link)
        {
            entry.LinkName = link;
        }

        if (e.Type != TarEntryType.RegularFile)
        {
            await WriteUstarAsync(writer, entry, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using Stream content = e.SourceFile is { } source
            ? new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)
            : new MemoryStream(e.Content ?? [], writable: false);
        entry.DataStream = content;
        await WriteUstarAsync(writer, entry, cancellationToken).ConfigureAwait(false);
    }

    // A long name goes into ustar's 155-byte prefix and 100-byte name, split at a '/': a 200-character part fits neither
    // (TarWriter then throws ArgumentException while it formats the header, before it writes anything). PAX would take
    // it, but its header names carry the process id: the layer would no longer be reproducible.
    private static async Task WriteUstarAsync(TarWriter writer, UstarTarEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (e.ParamName == "entry")
        {
            throw new LayerContentException($"cannot write {entry.Name} into a layer: expected a name that splits at a '/' into at most 155 and 100 bytes (ustar), got a part of {entry.Name.Split('/').Max(p => System.Text.Encoding.UTF8.GetByteCount(p))} bytes", e);
        }
    }
}

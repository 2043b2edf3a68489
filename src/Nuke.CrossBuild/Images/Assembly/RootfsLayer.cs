using System.Formats.Tar;
using System.IO.Compression;

namespace Nuke.CrossBuild.Images.Assembly;

/// <summary>
/// Turns a root file system tarball (what <c>eng/base-images.sh</c> unpacks from Debian packages, or any
/// <c>tar -C rootfs -cf x.tar .</c>) into a reproducible layer: entries sorted byte-wise, names without <c>./</c>, every
/// time the epoch, no user or group names, ownership and modes kept; hard links become copies of their target (a sorted
/// order could put a link before its target); devices, FIFOs and names that leave the root are refused.
/// </summary>
internal static class RootfsLayer
{
    private const long MaxBytes = 1L << 30, MaxEntries = 200_000;

    public static async Task<(OciDescriptor Layer, OciDigest DiffId)> WriteAsync(string tarball, long epoch, string blobs, CancellationToken cancellationToken)
    {
        var entries = await ReadAsync(tarball, cancellationToken).ConfigureAwait(false);
        return await ReproducibleLayer.WriteEntriesAsync(entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList(), epoch, blobs, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<LayerTarEntry>> ReadAsync(string tarball, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, LayerTarEntry>(StringComparer.Ordinal);
        long total = 0;
        await using var file = File.OpenRead(tarball);
        await using var reader = new TarReader(tarball.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
            {
                continue;
            }

            if (entries.Count >= MaxEntries)
            {
                throw new CrossBuildException($"{tarball}: more than {MaxEntries} entries; expected a root file system of a runtime base");
            }

            var name = Name(entry.Name, tarball);
            if (name.Length == 0)
            {
                continue; // the root itself
            }

            var mode = entry.Mode;
            LayerTarEntry layerEntry = entry.EntryType switch
            {
                TarEntryType.Directory => new(name + "/", TarEntryType.Directory, mode, entry.Uid, entry.Gid, null, null),
                TarEntryType.RegularFile or TarEntryType.V7RegularFile => new(name, TarEntryType.RegularFile, mode, entry.Uid, entry.Gid, await ContentAsync(entry, tarball, total, cancellationToken).ConfigureAwait(false), null),
                TarEntryType.SymbolicLink => new(name, TarEntryType.SymbolicLink, mode, entry.Uid, entry.Gid, null, entry.LinkName),
                TarEntryType.HardLink => entries.GetValueOrDefault(Name(entry.LinkName, tarball)) is { Type: TarEntryType.RegularFile } target
                    ? target with { Name = name, Mode = mode, Uid = entry.Uid, Gid = entry.Gid }
                    : throw new CrossBuildException($"{tarball}: hard link {entry.Name} points at {entry.LinkName}, which is not a regular file before it"),
                _ => throw new CrossBuildException($"{tarball}: {entry.Name} is a {entry.EntryType} entry; expected directories, regular files and links only"),
            };
            total += layerEntry.Content?.Length ?? 0;
            entries[layerEntry.Name] = layerEntry; // a later entry for a path replaces an earlier one, as tar -x does
        }

        return [.. entries.Values];
    }

    private static async Task<byte[]> ContentAsync(TarEntry entry, string tarball, long total, CancellationToken cancellationToken)
    {
        if (total + entry.Length > MaxBytes)
        {
            throw new CrossBuildException($"{tarball}: more than {MaxBytes >> 20} MiB of files; expected a root file system of a runtime base");
        }

        var content = new byte[entry.Length];
        if (entry.DataStream is { } data)
        {
            await data.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        }

        return content;
    }

    private static string Name(string raw, string tarball)
    {
        var parts = raw.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Any(p => p == ".."))
        {
            throw new CrossBuildException($"{tarball}: the entry {raw} leaves the root; expected names inside it");
        }

        return string.Join('/', parts);
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Streams;
using Nuke.CrossBuild.Tar;

namespace Nuke.CrossBuild.Assembling;

/// <summary>
/// Turns a root file system tarball (what <c>eng/base-images.sh</c> unpacks from Debian packages, or any
/// <c>tar -C rootfs -cf x.tar .</c>) into a reproducible layer: entries sorted byte-wise, names without <c>./</c>, every
/// time the epoch, no user or group names, ownership and modes kept; a later entry for a path replaces an earlier one,
/// file or directory, as <c>tar -x</c> does; hard links become copies of their target (a sorted order could put a link
/// before its target), each copy counted against the 1 GiB bound; devices, FIFOs, whiteouts, names that leave the root
/// and entries below a link or a file are refused. Headers are read through <see cref="TarHeaderGuardStream"/>; a name
/// or link target the ustar layer cannot hold is refused as its entry is read, so the names kept until the layer is
/// written are at most entries × 255 characters (not entries × 64 KiB). A root file system with no entry besides the
/// root is refused: it would add nothing to the image and is most likely a failed export.
/// </summary>
internal static class RootfsLayer
{
    private const long MaxBytes = 1L << 30, MaxEntries = 200_000;
    private const int MaxShown = 80;

    public static async Task<(OciDescriptor Layer, OciDigest DiffId)> WriteAsync(string tarball, long epoch, string blobs, CancellationToken cancellationToken)
    {
        var entries = await ReadAsync(tarball, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            throw new LayerContentException($"{tarball}: no files or directories besides the root; expected a root file system of a runtime base");
        }

        var sorted = entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        CheckParents(sorted, entries, tarball);
        return await ReproducibleLayer.WriteEntriesAsync(sorted.Select(e => e.Value).OrderBy(e => e.Name, StringComparer.Ordinal).ToList(), epoch, blobs, ReproducibleLayer.RootfsLevel, cancellationToken).ConfigureAwait(false);
    }

    // The entries by path (no trailing '/'); a malformed archive (random bytes, a negative size, cut short) is one line naming it.
    private static async Task<Dictionary<string, LayerTarEntry>> ReadAsync(string tarball, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadEntriesAsync(tarball, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or EndOfStreamException or OverflowException or NotSupportedException or InvalidOperationException)
        {
            throw new LayerContentException($"{tarball} is not a valid tar archive ({e.Message.Split('\n')[0].TrimEnd('.')})", e);
        }
    }

    private static async Task<Dictionary<string, LayerTarEntry>> ReadEntriesAsync(string tarball, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, LayerTarEntry>(StringComparer.Ordinal);
        long total = 0;
        await using var file = File.OpenRead(tarball);
        Stream tar = tarball.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        await using var reader = new TarReader(new TarHeaderGuardStream(tar));
        await using var probe = new TarWriter(Stream.Null, TarEntryFormat.Ustar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
            {
                continue;
            }

            if (entries.Count >= MaxEntries)
            {
                throw new LayerContentException($"{tarball}: more than {MaxEntries} entries; expected a root file system of a runtime base");
            }

            var name = Name(entry.Name, tarball);
            if (name.Length == 0)
            {
                continue; // the root itself
            }

            await CheckWritableAsync(probe, entry, name, tarball, cancellationToken).ConfigureAwait(false);
            var layerEntry = await ToLayerEntryAsync(entry, name, entries, tarball, total, cancellationToken).ConfigureAwait(false);
            total += layerEntry.Content?.Length ?? 0; // a hard link's copy counts as much as its target
            if (total > MaxBytes)
            {
                throw TooLarge(tarball);
            }

            entries[name] = layerEntry; // a later entry for a path replaces an earlier one, file or directory, as tar -x does
        }

        return entries;
    }

    private static async Task<LayerTarEntry> ToLayerEntryAsync(TarEntry entry, string name, Dictionary<string, LayerTarEntry> entries, string tarball, long total, CancellationToken cancellationToken)
    {
        var mode = entry.Mode;
        return entry.EntryType switch
        {
            TarEntryType.Directory => new(name + "/", TarEntryType.Directory, mode, entry.Uid, entry.Gid, null, null),
            TarEntryType.RegularFile or TarEntryType.V7RegularFile => new(name, TarEntryType.RegularFile, mode, entry.Uid, entry.Gid, await ContentAsync(entry, tarball, total, cancellationToken).ConfigureAwait(false), null),
            TarEntryType.SymbolicLink => new(name, TarEntryType.SymbolicLink, mode, entry.Uid, entry.Gid, null, entry.LinkName),
            TarEntryType.HardLink => entries.GetValueOrDefault(Name(entry.LinkName, tarball)) is { Type: TarEntryType.RegularFile } target
                ? target with { Name = name, Mode = mode, Uid = entry.Uid, Gid = entry.Gid }
                : throw new LayerContentException($"{tarball}: hard link {Shown(entry.Name)} points at {Shown(entry.LinkName)}, which is not a regular file before it"),
            _ => throw new LayerContentException($"{tarball}: {Shown(entry.Name)} is a {entry.EntryType} entry; expected directories, regular files and links only"),
        };
    }

    // tar -x would write an entry below a symbolic link through the link (possibly outside the root), and fails below a file.
    private static void CheckParents(List<KeyValuePair<string, LayerTarEntry>> sorted, Dictionary<string, LayerTarEntry> entries, string tarball)
    {
        foreach (var (path, _) in sorted)
        {
            for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                if (entries.TryGetValue(path[..slash], out var parent) && parent.Type != TarEntryType.Directory)
                {
                    throw new LayerContentException($"{tarball}: {path} is below {path[..slash]}, a {parent.Type} entry; expected only directories above an entry (tar -x would write through a link or fail on a file)");
                }
            }
        }
    }

    private static async Task<byte[]> ContentAsync(TarEntry entry, string tarball, long total, CancellationToken cancellationToken)
    {
        if (total + entry.Length > MaxBytes)
        {
            throw TooLarge(tarball);
        }

        var content = new byte[entry.Length];
        if (entry.DataStream is { } data)
        {
            await data.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        }

        return content;
    }

    // The checks of ReproducibleLayer.WriteEntryAsync, made as the entry is read: at most 255 characters, split by a '/'
    // into ustar's 155-byte prefix and 100-byte name (tried on a writer to Stream.Null, so the rule is the writer's own),
    // and a link target of at most 100 bytes. A hard link is written as a copy of its target, so its target is not kept.
    private static async Task CheckWritableAsync(TarWriter probe, TarEntry entry, string name, string tarball, CancellationToken cancellationToken)
    {
        var directory = entry.EntryType == TarEntryType.Directory;
        var symlink = entry.EntryType == TarEntryType.SymbolicLink;
        var written = directory ? name + "/" : name;
        if (symlink && System.Text.Encoding.UTF8.GetByteCount(entry.LinkName) > 100)
        {
            throw new LayerContentException($"{tarball}: cannot write {Shown(written)} into a layer: expected a link target of at most 100 bytes (ustar), got {Shown(entry.LinkName)}");
        }

        if (written.Length <= 255)
        {
            var header = new UstarTarEntry(directory ? TarEntryType.Directory : symlink ? TarEntryType.SymbolicLink : TarEntryType.RegularFile, written);
            if (symlink)
            {
                header.LinkName = entry.LinkName;
            }

            try
            {
                await probe.WriteEntryAsync(header, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ArgumentException)
            {
                // TarWriter found no '/' that splits the name into ustar's prefix and name: refused below.
            }
        }

        throw new LayerContentException($"{tarball}: cannot write {Shown(written)} into a layer: expected a name of at most 255 characters that splits at a '/' into at most 155 and 100 bytes (ustar)");
    }

    // A name as shown in a message: a hostile one may be 64 KiB long.
    private static string Shown(string name)
        => name.Length <= MaxShown ? name : $"{name[..MaxShown]}… ({name.Length} characters)";

    private static LayerContentException TooLarge(string tarball)
        => new($"{tarball}: more than {MaxBytes >> 20} MiB of files; expected a root file system of a runtime base");

    private static string Name(string raw, string tarball)
    {
        var parts = raw.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Any(p => p == ".."))
        {
            throw new LayerContentException($"{tarball}: the entry {Shown(raw)} leaves the root; expected names inside it");
        }

        if (parts.Any(p => p.StartsWith(".wh.", StringComparison.Ordinal)))
        {
            throw new LayerContentException($"{tarball}: {Shown(raw)} is a whiteout (.wh.); expected the files of a root file system, not changes to another layer");
        }

        return string.Join('/', parts);
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Images;

/// <summary>Finds one file in an image's layers as the container would see it: upper layers win, whiteouts delete, symlinks are followed.</summary>
internal sealed class LayerFileFinder(IImageSource source, IReadOnlyList<OciDescriptor> layers)
{
    private const int MaxLinks = 16;

    /// <summary>Copies the file at an absolute path into a temporary file; returns null when the image does not have it.</summary>
    public async Task<(string ResolvedPath, string TempFile)?> ExtractAsync(string path, CancellationToken cancellationToken)
    {
        var target = Normalize(path);
        for (var links = 0; links <= MaxLinks; links++)
        {
            var found = await FindAsync(target, cancellationToken).ConfigureAwait(false);
            switch (found)
            {
                case null:
                    return null;
                case { Link: { } link }:
                    target = link;
                    continue;
                case { TempFile: { } file }:
                    return ("/" + target, file);
            }
        }

        throw new CrossBuildException($"{source.Name}: more than {MaxLinks} symbolic links while resolving {path}");
    }

    private sealed record Hit(string? Link, string? TempFile);

    private async Task<Hit?> FindAsync(string target, CancellationToken cancellationToken)
    {
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            await using var blob = await source.OpenBlobAsync(layers[i].Digest, cancellationToken).ConfigureAwait(false);
            await using var tar = await DecompressAsync(blob, layers[i].MediaType, cancellationToken).ConfigureAwait(false);
            using var reader = new TarReader(tar);
            var hidden = false;
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var name = Normalize(entry.Name);
                var dir = Path.GetDirectoryName(name)?.Replace('\\', '/') ?? string.Empty;
                var file = Path.GetFileName(name);
                if (file == ".wh..wh..opq")
                {
                    hidden |= IsUnder(target, dir);
                    continue;
                }

                if (file.StartsWith(".wh.", StringComparison.Ordinal))
                {
                    var deleted = Combine(dir, file[4..]);
                    if (target == deleted || IsUnder(target, deleted))
                    {
                        return null;
                    }

                    continue;
                }

                if (entry.EntryType is TarEntryType.SymbolicLink && IsUnder(target, name))
                {
                    // A parent directory is a link (e.g. /bin -> usr/bin): rewrite and search again from the top.
                    return new Hit(Combine(Resolve(dir, entry.LinkName), target[(name.Length + 1)..]), null);
                }

                if (name != target)
                {
                    continue;
                }

                return entry.EntryType switch
                {
                    TarEntryType.SymbolicLink => new Hit(Resolve(dir, entry.LinkName), null),
                    TarEntryType.HardLink => new Hit(Normalize(entry.LinkName), null),
                    TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => new Hit(null, await CopyAsync(entry, cancellationToken).ConfigureAwait(false)),
                    _ => throw new CrossBuildException($"{source.Name}: /{target} is a {entry.EntryType}, not a file"),
                };
            }

            if (hidden)
            {
                return null;
            }
        }

        return null;
    }

    private static async Task<string> CopyAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        var temp = Path.GetTempFileName();
        if (entry.DataStream is { } data)
        {
            await using var output = File.Create(temp);
            await data.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        }

        return temp;
    }

    private static async Task<Stream> DecompressAsync(Stream blob, string mediaType, CancellationToken cancellationToken)
    {
        var buffered = new BufferedStream(blob, 65536);
        var head = new byte[4];
        var read = await buffered.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var prefixed = new PrefixedStream(head.AsMemory(0, read), buffered);
        if (read >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return new GZipStream(prefixed, CompressionMode.Decompress);
        }

        if (read == 4 && head is [0x28, 0xb5, 0x2f, 0xfd])
        {
            return await ZstdAsync(prefixed, cancellationToken).ConfigureAwait(false);
        }

        return mediaType.EndsWith("gzip", StringComparison.Ordinal) || mediaType.EndsWith("zstd", StringComparison.Ordinal)
            ? throw new CrossBuildException($"layer of type {mediaType} does not start with its compression's magic bytes")
            : prefixed;
    }

    // .NET has no zstd decoder in the box: use the zstd tool when the image has such layers.
    private static async Task<Stream> ZstdAsync(Stream compressed, CancellationToken cancellationToken)
    {
        var input = Path.GetTempFileName();
        await using (var file = File.Create(input))
        {
            await compressed.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        var output = input + ".tar";
        var result = await ToolProcess.RunAsync("zstd", ["-d", "-q", "-f", "-o", output, input], cancellationToken: cancellationToken).ConfigureAwait(false);
        File.Delete(input);
        return result.Succeeded
            ? new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.DeleteOnClose)
            : throw new CrossBuildException($"a zstd-compressed layer needs the zstd tool to read ({result.StdErr.Trim()}); install it (apt-get install zstd)");
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
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

    private static string Resolve(string dir, string link) => Normalize(link.StartsWith('/') ? link : Combine(dir, link));

    private static string Combine(string dir, string name) => dir.Length == 0 ? name : $"{dir}/{name}";

    private static bool IsUnder(string path, string dir) => dir.Length == 0 || path.StartsWith(dir + "/", StringComparison.Ordinal);
}

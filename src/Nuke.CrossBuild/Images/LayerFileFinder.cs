using System.Formats.Tar;
using System.Text;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Streams;

namespace Nuke.CrossBuild.Images;

/// <summary>
/// Finds files in a platform image as the container would see them. A first pass reads every layer's tar metadata (and
/// with it verifies every layer: digest, size, compression, diff_id) into a <see cref="LayerTree"/>; a file's content
/// is then copied out of its one layer (verified again on the way) into an unnamed temporary file, with a size limit.
/// Nothing is extracted to disk. The kept paths are bounded as they are read: entries (<see cref="ImageReadLimits.MaxEntries"/>)
/// and their total bytes (<see cref="ImageReadLimits.MaxPathBytesTotal"/>), each over all layers of the image.
/// </summary>
internal sealed class LayerFileFinder(ImageContent content, IReadOnlyList<OciDescriptor> layers, IReadOnlyList<OciDigest?> diffIds, string what)
{
    private LayerTree? tree;

    /// <summary>Reads every layer's metadata, bottom first.</summary>
    public async Task<LayerTree> IndexAsync(CancellationToken cancellationToken)
    {
        if (tree is not null)
        {
            return tree;
        }

        var built = new LayerTree();
        var entries = 0;
        long pathBytes = 0;
        for (var i = 0; i < layers.Count; i++)
        {
            var list = new List<LayerEntry>();
            await ReadLayerAsync(i, async entry =>
            {
                if (++entries > content.Limits.MaxEntries)
                {
                    throw new ContentVerificationException($"{what} has more than {content.Limits.MaxEntries} tar entries (the limit)");
                }

                pathBytes += Encoding.UTF8.GetByteCount(entry.Name) + Encoding.UTF8.GetByteCount(entry.LinkName ?? string.Empty);
                if (pathBytes > content.Limits.MaxPathBytesTotal)
                {
                    throw new ContentVerificationException($"{what}: expected at most {content.Limits.MaxPathBytesTotal} bytes of tar entry paths over all layers (ImageReadLimits.MaxPathBytesTotal), got more");
                }

                list.Add(ToEntry(list.Count, entry));
                return true;
            }, cancellationToken).ConfigureAwait(false);
            built.Apply(i, list, $"{what} layer {i + 1} of {layers.Count}");
        }

        return tree = built;
    }

    /// <summary>Copies a file's content out of its layer into an unnamed temporary file (seekable, positioned at 0).</summary>
    public async Task<Stream> OpenAsync(LayerTreeLookup file, CancellationToken cancellationToken)
    {
        var limit = content.Limits.MaxBinaryBytes;
        if (file.Size > limit)
        {
            throw new ContentVerificationException($"{what}: {file.Path} is {file.Size} bytes, more than the {limit}-byte limit for a binary (--max-binary-size)");
        }

        var copy = RunTemp.CreateAnonymousFile();
        try
        {
            long index = 0;
            await ReadLayerAsync(file.Layer, async entry =>
            {
                if (index++ != file.Index)
                {
                    return true;
                }

                if (entry.DataStream is { } data)
                {
                    await data.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            return copy;
        }
        catch
        {
            await copy.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static LayerEntry ToEntry(long index, TarEntry entry)
        => new(index, LayerEntry.Clean(entry.Name), entry.EntryType, entry.LinkName is { Length: > 0 } link ? link : null, entry.Length);

    // Reads one layer's entries in order and then the rest of the stream, so every check runs even when the visitor is done early.
    private async Task ReadLayerAsync(int i, Func<TarEntry, Task<bool>> visit, CancellationToken cancellationToken)
    {
        var kind = $"layer {i + 1} of {layers.Count}";
        var layerWhat = $"{what} {kind} {layers[i].Digest}";
        await using var blob = await content.OpenBlobAsync(layers[i], kind, cancellationToken).ConfigureAwait(false);
        await using var tar = await LayerStreams.OpenAsync(blob, layers[i].MediaType, diffIds[i], content.Limits, layerWhat, cancellationToken).ConfigureAwait(false);
        try
        {
            using (var reader = new TarReader(new TarHeaderGuardStream(tar, leaveOpen: true)))
            {
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                    {
                        continue;
                    }

                    if (entry.Name.Length > content.Limits.MaxPathLength || (entry.LinkName?.Length ?? 0) > content.Limits.MaxPathLength)
                    {
                        throw new ContentVerificationException($"{layerWhat} has a path longer than {content.Limits.MaxPathLength} characters");
                    }

                    if (!await visit(entry).ConfigureAwait(false))
                    {
                        break;
                    }
                }
            }

            await tar.DrainAsync(cancellationToken).ConfigureAwait(false);
            await blob.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or EndOfStreamException or OverflowException or NotSupportedException or InvalidOperationException)
        {
            throw new ContentVerificationException($"{layerWhat} is not a valid tar archive ({e.Message.Split('\n')[0].TrimEnd('.')})", e);
        }
    }
}

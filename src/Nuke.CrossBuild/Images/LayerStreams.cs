using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Streams;
using SharpCompress.Compressors.ZStandard;

namespace Nuke.CrossBuild.Images;

/// <summary>Opens a layer as its uncompressed tar, with every check of the content on the way: blob digest and size, compression integrity, diff_id, size limits.</summary>
internal static class LayerStreams
{
    /// <summary>Wraps a verified blob stream in the decompressor its first bytes call for (gzip, zstd, or none), then in the diff_id check.</summary>
    /// <param name="blob">The blob, already wrapped in a <see cref="VerifyingStream"/>.</param>
    /// <param name="mediaType">The descriptor's media type (only used to refuse a compressed type without its magic).</param>
    /// <param name="diffId">The config's diff_id for this layer, or null.</param>
    /// <param name="limits">The limits.</param>
    /// <param name="what">Names the image and layer in messages.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The uncompressed tar; read it to the end (or drain it) for the checks to run.</returns>
    public static async Task<DiffIdStream> OpenAsync(Stream blob, string mediaType, OciDigest? diffId, ImageReadLimits limits, string what, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        var read = await blob.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var prefixed = new PrefixedStream(head.AsMemory(0, read), blob);
        Stream tar;
        if (read >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            tar = new GzipIntegrityStream(prefixed, what);
        }
        else if (read == 4 && head is [0x28, 0xb5, 0x2f, 0xfd])
        {
            tar = new ZstdStream(prefixed, what);
        }
        else if (mediaType.EndsWith("gzip", StringComparison.Ordinal) || mediaType.EndsWith("zstd", StringComparison.Ordinal))
        {
            prefixed.Dispose();
            throw new ContentVerificationException($"{what} is of type {mediaType} but does not start with that compression's magic bytes");
        }
        else
        {
            tar = prefixed;
        }

        return new DiffIdStream(tar, diffId, limits.MaxUncompressedLayerBytes, what);
    }

    // SharpCompress's managed zstd (its net10.0 build), streamed: no zstd tool, no temporary file. A frame cut short is an error.
    private sealed class ZstdStream(Stream compressed, string what) : Internal.ForwardReadStream
    {
        private readonly DecompressionStream zstd = new(compressed, bufferSize: 0, checkEndOfStream: true, leaveOpen: false);

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return zstd.Read(buffer);
            }
            catch (Exception e) when (e is not ContentVerificationException and not OperationCanceledException and not CrossBuildException)
            {
                throw new ContentVerificationException($"{what} is not a valid zstd stream ({e.Message.TrimEnd('.')})", e);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await zstd.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not ContentVerificationException and not OperationCanceledException and not CrossBuildException)
            {
                throw new ContentVerificationException($"{what} is not a valid zstd stream ({e.Message.TrimEnd('.')})", e);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                zstd.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

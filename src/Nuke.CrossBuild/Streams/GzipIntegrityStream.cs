using System.IO.Compression;
using System.Security.Cryptography;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Oci;

namespace Nuke.CrossBuild.Streams;

/// <summary>
/// Decompresses gzip and fails on a truncated stream. .NET's <see cref="GZipStream"/> checks each member's CRC-32 and
/// size but ends quietly when the input stops in the middle of a member. So a second, complete gzip member holding a
/// random marker is appended to the input: the marker comes out exactly at the end only when every member before it
/// was complete; a cut stream turns the marker into deflate garbage, a CRC error or a missing tail.
/// </summary>
internal sealed class GzipIntegrityStream : ForwardReadStream
{
    private static readonly byte[] Marker = RandomNumberGenerator.GetBytes(16);
    private static readonly byte[] Sentinel = Compress(Marker);
    private readonly GZipStream gzip;
    private readonly string what;
    private readonly byte[] pending = new byte[(64 * 1024) + 16];
    private int pendingLength;
    private bool ended;

    public GzipIntegrityStream(Stream compressed, string what)
    {
        gzip = new GZipStream(new ConcatStream(compressed, new MemoryStream(Sentinel, writable: false)), CompressionMode.Decompress);
        this.what = what;
    }

    public override int Read(Span<byte> buffer)
    {
        var fill = Fill(sync: true, CancellationToken.None);
        return Deliver(buffer, fill.IsCompleted ? fill.Result : fill.AsTask().GetAwaiter().GetResult());
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var available = await Fill(sync: false, cancellationToken).ConfigureAwait(false);
        return Deliver(buffer.Span, available);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    private static byte[] Compress(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(content);
        }

        return output.ToArray();
    }

    // Reads until more than the marker's length is pending or the stream ends; returns whether data can be delivered.
    private async ValueTask<bool> Fill(bool sync, CancellationToken cancellationToken)
    {
        while (!ended && pendingLength <= Marker.Length)
        {
            int n;
            try
            {
                n = sync ? gzip.Read(pending, pendingLength, pending.Length - pendingLength)
                    : await gzip.ReadAsync(pending.AsMemory(pendingLength), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw new ContentVerificationException($"{what} is a truncated or corrupt gzip stream (a member's CRC-32 or size is wrong: {e.Message.TrimEnd('.')})", e);
            }

            if (n == 0)
            {
                ended = true;
                if (pendingLength != Marker.Length || !pending.AsSpan(0, Marker.Length).SequenceEqual(Marker))
                {
                    throw new ContentVerificationException($"{what} is a truncated or corrupt gzip stream (it ends before its last member is complete, or has trailing data)");
                }

                pendingLength = 0;
            }
            else
            {
                pendingLength += n;
            }
        }

        return pendingLength > Marker.Length;
    }

    private int Deliver(Span<byte> buffer, bool available)
    {
        if (!available)
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, pendingLength - Marker.Length);
        pending.AsSpan(0, n).CopyTo(buffer);
        pending.AsSpan(n, pendingLength - n).CopyTo(pending);
        pendingLength -= n;
        return n;
    }

    private sealed class ConcatStream(Stream first, Stream second) : ForwardReadStream
    {
        private bool firstDone;

        public override int Read(Span<byte> buffer)
        {
            if (!firstDone)
            {
                var n = first.Read(buffer);
                if (n > 0 || buffer.Length == 0)
                {
                    return n;
                }

                firstDone = true;
            }

            return second.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!firstDone)
            {
                var n = await first.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (n > 0 || buffer.Length == 0)
                {
                    return n;
                }

                firstDone = true;
            }

            return await second.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                first.Dispose();
                second.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

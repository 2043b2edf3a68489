using System.Buffers;

namespace Nuke.CrossBuild.Streams;

/// <summary>
/// Sits between an untrusted tar and System.Formats.Tar's <c>TarReader</c> and looks at every header before the reader
/// does. TarReader reads a PAX extended header (<c>x</c>, <c>g</c>) or a GNU long name or link (<c>L</c>, <c>K</c>) whole
/// into memory, however large its size field says it is, before any path limit can apply: a 1 MB gzip layer with a
/// 1,000,000,000-character path took 3 GB. A metadata entry larger than <see cref="MaxMetadataBytes"/> is refused here
/// from its header alone. To know where the next header starts, the stream follows each entry's size (octal or
/// base-256, a PAX <c>size</c> record for the entry after it, padding to 512) exactly as TarReader does, and refuses
/// the sequences where the two could disagree. Seekable when the inner stream is (TarReader then skips file data by
/// seeking, and <c>TarEntry.DataOffset</c> stays right), but never past a header it has not seen.
/// </summary>
internal sealed class TarHeaderGuardStream(Stream inner, bool leaveOpen = false) : Stream
{
    /// <summary>The largest PAX header or GNU long name or link accepted, in bytes (64 KiB: Linux paths are at most 4096).</summary>
    public const int MaxMetadataBytes = 64 * 1024;

    private const int Block = TarHeaderBlock.Size;
    private byte[] window = new byte[Block]; // the last header, with a metadata entry's data and padding
    private long windowStart;
    private int windowLength;
    private long position; // where the reader is; the inner stream is at max(position, windowStart + windowLength)
    private long nextHeader;
    private long? paxSize; // a PAX size record, for the entry after the 'x' header
    private char previous; // the metadata header just read ('x', 'L' or 'K'), or '\0'
    private bool done; // an end block or a short header: TarReader reads no further headers

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => position; set => MoveTo(value); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            // With sync, every read below is synchronous, so the ValueTask has completed when it returns.
            var pending = ReadCoreAsync(rented.AsMemory(0, buffer.Length), sync: true, CancellationToken.None);
            if (!pending.IsCompleted)
            {
                throw new InvalidOperationException("expected a synchronous read to complete synchronously");
            }

#pragma warning disable CA2012 // completed: checked above
            var n = pending.Result;
#pragma warning restore CA2012
            rented.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ReadCoreAsync(buffer, sync: false, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadCoreAsync(buffer.AsMemory(offset, count), sync: false, cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        MoveTo(origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => position + offset, _ => inner.Length + offset });
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool sync, CancellationToken cancellationToken)
    {
        if (buffer.Length == 0)
        {
            return 0;
        }

        if (!done && position == nextHeader && !InWindow(position))
        {
            await ReadHeaderAsync(sync, cancellationToken).ConfigureAwait(false);
        }

        if (InWindow(position))
        {
            var n = (int)Math.Min(buffer.Length, windowStart + windowLength - position);
            window.AsMemory((int)(position - windowStart), n).CopyTo(buffer);
            position += n;
            return n;
        }

        var slice = done ? buffer : buffer[..(int)Math.Min(buffer.Length, nextHeader - position)];
        var read = sync ? inner.Read(slice.Span) : await inner.ReadAsync(slice, cancellationToken).ConfigureAwait(false);
        position += read;
        return read;
    }

    private bool InWindow(long at) => at >= windowStart && at < windowStart + windowLength;

    // Reads the header at nextHeader (and a metadata entry's data) into the window, checks it, and finds the next header.
    private async ValueTask ReadHeaderAsync(bool sync, CancellationToken cancellationToken)
    {
        windowStart = position;
        windowLength = await FillAsync(0, Block, sync, cancellationToken).ConfigureAwait(false);
        if (windowLength < Block || TarHeaderBlock.Read(window.AsSpan(0, Block)) is not (var type, var size))
        {
            done = true; // TarReader stops at an end block and fails on a short one
            return;
        }

        CheckOrder(type);
        if (type is 'x' or 'g' or 'L' or 'K')
        {
            if (size > MaxMetadataBytes)
            {
                throw new InvalidDataException($"expected a tar metadata entry ('{type}') of at most {MaxMetadataBytes} bytes, got {size}");
            }

            var padded = (int)Padded(size);
            if (window.Length < Block + padded)
            {
                Array.Resize(ref window, Block + padded);
            }

            windowLength += await FillAsync(Block, padded, sync, cancellationToken).ConfigureAwait(false);
            paxSize = type == 'x' && windowLength >= Block + size ? TarHeaderBlock.PaxSize(window.AsSpan(Block, (int)size)) : null;
            previous = type == 'g' ? '\0' : type;
            nextHeader = windowStart + Block + padded;
            done = windowLength < Block + padded;
            return;
        }

        nextHeader = windowStart + Block + Padded(paxSize ?? size);
        (paxSize, previous) = (null, '\0');
    }

    // TarReader accepts after 'x' only an entry, and after 'L' or 'K' the other one or an entry: anything else could be read two ways.
    private void CheckOrder(char type)
    {
        var refused = previous switch
        {
            'x' => type is 'x' or 'g' or 'L' or 'K',
            'L' or 'K' => type is 'x' or 'g' || type == previous,
            _ => false,
        };
        if (refused)
        {
            throw new InvalidDataException($"expected a file entry after a tar metadata entry ('{previous}'), got another ('{type}')");
        }
    }

    private async ValueTask<int> FillAsync(int offset, int count, bool sync, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < count)
        {
            var slice = window.AsMemory(offset + total, count - total);
            var n = sync ? inner.Read(slice.Span) : await inner.ReadAsync(slice, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private void MoveTo(long target)
    {
        if (!inner.CanSeek)
        {
            throw new NotSupportedException("expected forward reads of a stream that cannot seek, got a seek");
        }

        var windowEnd = windowStart + windowLength;
        if (target >= windowStart && target <= windowEnd)
        {
            position = target; // inside the last header (or just after it): the inner stream stays at the window's end
            if (inner.Position != windowEnd)
            {
                inner.Position = windowEnd;
            }

            return;
        }

        if (target < windowEnd || (!done && target > nextHeader))
        {
            throw new NotSupportedException($"expected seeks within the current tar entry ({windowEnd} to {nextHeader}), got one to {target}");
        }

        inner.Position = position = target;
    }

    private static long Padded(long size) => size + ((Block - (size % Block)) % Block);
}

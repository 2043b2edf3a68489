namespace Nuke.CrossBuild.Publish.Releases;

/// <summary>
/// Reads exactly the length a file had when it was opened, for an archive whose header already states that length:
/// a file that then gives more bytes (procfs reports 0 and then gives data) or fewer (truncated meanwhile) is refused,
/// so a header never disagrees with the data that follows it.
/// </summary>
internal sealed class ExactLengthStream(Stream inner, long length, string name) : Stream
{
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => true; // only so that writers take Length; the position never moves back

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position == length)
        {
            return inner.Read(new byte[1]) == 0 ? 0 : throw Changed("more");
        }

        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, length - position)]);
        position += n;
        return n == 0 && buffer.Length > 0 ? throw Changed($"only {position}") : n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position == length)
        {
            return await inner.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) == 0 ? 0 : throw Changed("more");
        }

        var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - position)], cancellationToken).ConfigureAwait(false);
        position += n;
        return n == 0 && buffer.Length > 0 ? throw Changed($"only {position}") : n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => position + offset, _ => length + offset };
        return target == position ? position : throw new NotSupportedException("an archive source is read once, from its start");
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private InputException Changed(string got)
        => new($"cannot archive {name}: its size changed while it was read (expected {length} bytes as the file system reported, got {got}); expected a regular file that nothing writes to");
}

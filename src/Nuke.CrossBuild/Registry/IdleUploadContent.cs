using System.Net;

namespace Nuke.CrossBuild.Registry;

/// <summary>
/// A request body whose upload is timed by progress, not in total: every slice of at most 64 KiB that the connection
/// takes restarts the idle timer (<paramref name="progress"/>), so a slow but steady upload goes on and a stalled one
/// fails after the idle time. The headers are the wrapped content's.
/// </summary>
/// <param name="inner">The content to send.</param>
/// <param name="progress">Called after each slice is written (restarts the idle timer).</param>
internal sealed class IdleUploadContent(HttpContent inner, Action progress) : HttpContent
{
    private const int Slice = 64 * 1024;

    /// <summary>Gets whether the whole body was handed to the connection (then the wait is for the answer).</summary>
    public bool Sent { get; private set; }

    /// <summary>Gets how long handing the body over took: about how long what the connection still buffers may take to drain.</summary>
    public TimeSpan SendTime { get; private set; }

    /// <summary>Wraps the content of <paramref name="request"/>, if any.</summary>
    public static IdleUploadContent? Wrap(HttpRequestMessage request, Action progress)
    {
        if (request.Content is not { } content)
        {
            return null;
        }

        var wrapped = new IdleUploadContent(content, progress);
        foreach (var header in content.Headers.Where(h => h.Key != "Content-Length"))
        {
            wrapped.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        wrapped.Headers.ContentLength = content.Headers.ContentLength;
        request.Content = wrapped;
        return wrapped;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await inner.CopyToAsync(new ProgressStream(stream, progress), context, cancellationToken).ConfigureAwait(false);
        SendTime = clock.Elapsed;
        Sent = true;
        progress();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = inner.Headers.ContentLength ?? 0;
        return inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Writes in slices and reports each one: a 32 MiB chunk is many steps of progress, not one.
    private sealed class ProgressStream(Stream inner, Action progress) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            for (var offset = 0; offset < buffer.Length; offset += Slice)
            {
                await inner.WriteAsync(buffer.Slice(offset, Math.Min(Slice, buffer.Length - offset)), cancellationToken).ConfigureAwait(false);
                progress();
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

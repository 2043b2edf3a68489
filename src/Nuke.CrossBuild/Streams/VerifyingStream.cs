using System.Security.Cryptography;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Oci;

namespace Nuke.CrossBuild.Streams;

/// <summary>
/// Reads a blob while hashing it: no more than the descriptor's size is ever returned, a short or long blob is an error,
/// and at the end the hash must equal the digest — so a reader that reads to the end has read exactly the content the
/// descriptor names (what go-containerregistry's <c>verify.ReadCloser</c> does).
/// </summary>
internal sealed class VerifyingStream : ForwardReadStream
{
    private readonly Stream inner;
    private readonly OciDigest expected;
    private readonly long size;
    private readonly string what;
    private readonly IncrementalHash hash;
    private long position;
    private bool verified;

    /// <param name="inner">The raw content; disposed with this stream.</param>
    /// <param name="expected">The descriptor's digest.</param>
    /// <param name="size">The descriptor's size.</param>
    /// <param name="what">Names the image and blob in messages, e.g. <c>app:1 layer sha256:…</c>.</param>
    public VerifyingStream(Stream inner, OciDigest expected, long size, string what)
    {
        (this.inner, this.expected, this.size, this.what) = (inner, expected, size, what);
        hash = expected.CreateHash();
    }

    /// <summary>Gets the bytes read so far.</summary>
    public long BytesRead => position;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0)
        {
            return 0;
        }

        if (position == size)
        {
            Span<byte> probe = stackalloc byte[1];
            Finish(inner.Read(probe));
            return 0;
        }

        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, size - position)]);
        return Account(buffer[..n]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0)
        {
            return 0;
        }

        if (position == size)
        {
            var probe = new byte[1];
            Finish(await inner.ReadAsync(probe, cancellationToken).ConfigureAwait(false));
            return 0;
        }

        var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, size - position)], cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..n]);
    }

    /// <summary>Reads whatever is left, so the size and digest are checked even when the consumer stopped early.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Account(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            throw new ContentVerificationException($"{what} ended after {position} bytes, but its descriptor says {size}: the content is truncated");
        }

        hash.AppendData(data);
        position += data.Length;
        return data.Length;
    }

    private void Finish(int extra)
    {
        if (verified)
        {
            return;
        }

        if (extra > 0)
        {
            throw new ContentVerificationException($"{what} is longer than the {size} bytes its descriptor says");
        }

        var actual = expected.WithHash(hash.GetHashAndReset());
        if (actual != expected)
        {
            throw new ContentVerificationException($"{what} does not match its digest: expected {expected}, got {actual}");
        }

        verified = true;
    }
}

using System.Security.Cryptography;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Oci;

namespace Nuke.CrossBuild.Streams;

/// <summary>
/// Counts and hashes a layer's uncompressed tar: more than the limit is an error (a decompression bomb stops here), and
/// at the end the hash must equal the config's <c>rootfs.diff_ids</c> entry for the layer, when the config names one.
/// </summary>
internal sealed class DiffIdStream(Stream inner, OciDigest? diffId, long limit, string what) : ForwardReadStream
{
    private readonly IncrementalHash hash = (diffId ?? OciDigest.Sha256([])).CreateHash();
    private long total;
    private bool finished;

    public override int Read(Span<byte> buffer) => Account(buffer, inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span, n);
    }

    /// <summary>Reads to the end (bounded by the limit), so every check below this stream runs.</summary>
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

    private int Account(Span<byte> buffer, int n)
    {
        if (n == 0)
        {
            if (buffer.Length > 0 && !finished)
            {
                finished = true;
                var actual = (diffId ?? OciDigest.Sha256([])).WithHash(hash.GetHashAndReset());
                if (diffId is not null && actual != diffId)
                {
                    throw new ContentVerificationException($"{what} uncompresses to {actual}, but the image config's diff_id for it is {diffId}");
                }
            }

            return 0;
        }

        total += n;
        if (total > limit)
        {
            throw new ContentVerificationException($"{what} uncompresses to more than {limit} bytes (the limit for one layer); refusing a possible decompression bomb");
        }

        hash.AppendData(buffer[..n]);
        return n;
    }
}

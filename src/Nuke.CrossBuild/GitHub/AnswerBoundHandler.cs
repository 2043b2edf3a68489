using System.Net;

namespace Nuke.CrossBuild.GitHub;

/// <summary>
/// Bounds every answer Octokit reads (it reads them whole, into strings): a Content-Length over the limit is refused before
/// the body is read, and a body without one stops at the limit. Octokit's own time limit covers reading the body.
/// </summary>
internal sealed class AnswerBoundHandler(HttpMessageHandler inner, long maxBytes) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            response.Dispose();
            throw TooLarge(maxBytes);
        }

        var bounded = new StreamContent(new BoundStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), maxBytes));
        foreach (var header in response.Content.Headers)
        {
            bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = bounded;
        return response;
    }

    internal static GitHubAnswerException TooLarge(long maxBytes) => new($"answered with a body larger than {maxBytes >> 20} MiB, more than any GitHub API answer");

    private sealed class BoundStream(Stream inner, long maxBytes) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

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

        private int Count(int n)
        {
            read += n;
            return read > maxBytes ? throw TooLarge(maxBytes) : n;
        }
    }
}

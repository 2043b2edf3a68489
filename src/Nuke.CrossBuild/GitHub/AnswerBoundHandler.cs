using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.GitHub;

/// <summary>
/// Bounds every answer Octokit reads (it reads them whole, into strings): a Content-Length over the limit is refused before
/// the body is read, and a body without one stops at the limit. Octokit's time limit covers only the headers (it asks for
/// ResponseHeadersRead and reads the body without a token), so each read of the body has its own idle limit here.
/// </summary>
internal sealed class AnswerBoundHandler(HttpMessageHandler inner, long maxBytes, TimeSpan idleTimeout) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            response.Dispose();
            throw TooLarge(maxBytes);
        }

        var bounded = new StreamContent(new BoundStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), maxBytes, idleTimeout));
        foreach (var header in response.Content.Headers)
        {
            bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = bounded;
        return response;
    }

    internal static GitHubAnswerException TooLarge(long maxBytes) => new($"answered with a body larger than {maxBytes >> 20} MiB, more than any GitHub API answer");

    private sealed class BoundStream(Stream inner, long maxBytes, TimeSpan idleTimeout) : ForwardReadStream
    {
        private long read;

        public override int Read(Span<byte> buffer)
        {
            var rented = new byte[buffer.Length];
            var n = ReadAsync(rented.AsMemory()).AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, n).CopyTo(buffer);
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(idleTimeout);
            try
            {
                return Count(await inner.ReadAsync(buffer, idle.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new GitHubAnswerException($"sent no data for {idleTimeout.TotalSeconds:0.#} s in the middle of an answer (a stalled answer)");
            }
        }

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

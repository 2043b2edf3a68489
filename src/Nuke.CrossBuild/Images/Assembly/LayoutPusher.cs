using System.Net;
using System.Net.Http.Headers;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Images.Assembly;

/// <summary>
/// Pushes an assembled layout through the distribution API, in the order that never leaves a half-tagged image: each
/// blob (HEAD first; when missing, mounted from the base's repository on the same registry where that is known, else
/// uploaded: POST, then one monolithic PUT, or PATCH chunks of <paramref name="chunkSize"/> bytes and a closing PUT for
/// larger blobs), each platform manifest by digest, the index by digest, and only then the tags. Idempotent steps are
/// retried on 5xx answers (a failed chunk restarts that blob's upload); every request goes through
/// <see cref="RegistryClient"/> (credentials only to the registry or its checked token realm).
/// </summary>
/// <param name="client">The registry client of the target repository.</param>
/// <param name="layout">The layout directory the blobs are read from.</param>
/// <param name="mountFrom">For blobs another repository of the same registry holds (a base's layers): digest to that repository.</param>
/// <param name="chunkSize">Blobs larger than this go up in chunks of this size.</param>
internal sealed class LayoutPusher(RegistryClient client, string layout, IReadOnlyDictionary<string, string> mountFrom, long chunkSize)
{
    private const int Attempts = 3;
    private static readonly HashSet<HttpStatusCode> Retryable = [HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];
    private static readonly HashSet<HttpStatusCode> MissingOrRetryable = [HttpStatusCode.NotFound, .. Retryable];

    private string Scope => $"repository:{client.Reference.Repository}:pull,push";

    /// <summary>Pushes the blobs, then the manifests (in order, the index last), then tags the last one.</summary>
    /// <returns>How many blobs were uploaded and how many mounted (the rest were there already).</returns>
    public async Task<(int Uploaded, int Mounted)> PushAsync(IReadOnlyList<OciDescriptor> blobs, IReadOnlyList<OciDescriptor> manifests, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var (uploaded, mounted) = (0, 0);
        try
        {
            foreach (var blob in blobs.DistinctBy(b => b.Digest))
            {
                var sent = await RetryAsync(() => PushBlobAsync(blob, cancellationToken), cancellationToken).ConfigureAwait(false);
                uploaded += sent == BlobPush.Uploaded ? 1 : 0;
                mounted += sent == BlobPush.Mounted ? 1 : 0;
            }

            foreach (var manifest in manifests)
            {
                await RetryAsync(() => PutManifestAsync(manifest, manifest.Digest, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CrossBuildException e) when (e is not VerificationException)
        {
            throw new CrossBuildException($"{e.Message}; nothing was tagged: push again to finish (blobs already there are not sent twice)");
        }

        foreach (var tag in tags)
        {
            await RetryAsync(() => PutManifestAsync(manifests[^1], tag, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return (uploaded, mounted);
    }

    private async Task<T> RetryAsync<T>(Func<Task<(T Value, HttpStatusCode? Retry)>> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (value, retry) = await step().ConfigureAwait(false);
            if (retry is null)
            {
                return value;
            }

            if (attempt == Attempts)
            {
                throw new CrossBuildException($"{client.Name}: the registry answered {(int)retry} {Attempts} times in a row");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(BlobPush Done, HttpStatusCode? Retry)> PushBlobAsync(OciDescriptor blob, CancellationToken cancellationToken)
    {
        using (var head = await client.SendAsync(u => new HttpRequestMessage(HttpMethod.Head, u), $"blobs/{blob.Digest}", Scope, MissingOrRetryable, cancellationToken).ConfigureAwait(false))
        {
            if (head.StatusCode == HttpStatusCode.OK)
            {
                return (BlobPush.Present, null);
            }

            if (Retryable.Contains(head.StatusCode))
            {
                return (BlobPush.Present, head.StatusCode);
            }
        }

        // A mount needs pull on the other repository too (the token asks for both scopes).
        var from = mountFrom.GetValueOrDefault(blob.Digest);
        var (startPath, scope) = from is null
            ? ("blobs/uploads/", Scope)
            : ($"blobs/uploads/?mount={Uri.EscapeDataString(blob.Digest)}&from={Uri.EscapeDataString(from)}", $"{Scope} repository:{from}:pull");
        Uri location;
        long minimum = 0;
        using (var start = await client.SendAsync(u => new HttpRequestMessage(HttpMethod.Post, u) { Content = new ByteArrayContent([]) }, startPath, scope, Retryable, cancellationToken).ConfigureAwait(false))
        {
            if (Retryable.Contains(start.StatusCode))
            {
                return (BlobPush.Present, start.StatusCode);
            }

            if (from is not null && start.StatusCode == HttpStatusCode.Created)
            {
                return (BlobPush.Mounted, null);
            }

            location = start.StatusCode == HttpStatusCode.Accepted && start.Headers.Location is { } l
                ? (l.IsAbsoluteUri ? l : new Uri(client.BaseUri, l))
                : throw new CrossBuildException($"{client.Name}: the registry answered {(int)start.StatusCode} without an upload location to {startPath}");
            if (start.Headers.TryGetValues("OCI-Chunk-Min-Length", out var values) && long.TryParse(values.FirstOrDefault(), out var min))
            {
                minimum = min;
            }
        }

        var path = Path.Combine(layout, "blobs", "sha256", OciDigest.Parse(blob.Digest).Encoded);
        var chunk = Math.Max(chunkSize, minimum);
        HttpContent? last = null;
        if (blob.Size > chunk)
        {
            var (next, retry) = await PatchChunksAsync(location, path, blob.Size, chunk, cancellationToken).ConfigureAwait(false);
            if (retry is not null)
            {
                return (BlobPush.Present, retry);
            }

            location = next;
            last = new ByteArrayContent([]);
        }

        // The location may carry query parameters of its own (distribution's _state): add the digest after them.
        var put = new UriBuilder(location) { Query = (location.Query.Length > 1 ? location.Query[1..] + "&" : string.Empty) + "digest=" + Uri.EscapeDataString(blob.Digest) }.Uri;
        using var done = await client.SendAsync(u => new HttpRequestMessage(HttpMethod.Put, u) { Content = last ?? FileContent(path) }, put.ToString(), Scope, Retryable, cancellationToken).ConfigureAwait(false);
        return Retryable.Contains(done.StatusCode) ? (BlobPush.Present, done.StatusCode) : (BlobPush.Uploaded, null);
    }

    // PATCH each chunk with its inclusive Content-Range; the registry's Range must confirm what it holds so far.
    private async Task<(Uri Location, HttpStatusCode? Retry)> PatchChunksAsync(Uri location, string path, long size, long chunk, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var buffer = new byte[(int)Math.Min(chunk, size)];
        for (long offset = 0; offset < size;)
        {
            var count = (int)Math.Min(chunk, size - offset);
            await file.ReadExactlyAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            var end = offset + count - 1;
            HttpRequestMessage Create(Uri u)
            {
                var content = new ByteArrayContent(buffer, 0, count);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{end}");
                return new HttpRequestMessage(HttpMethod.Patch, u) { Content = content };
            }

            using var response = await client.SendAsync(Create, location.ToString(), Scope, Retryable, cancellationToken).ConfigureAwait(false);
            if (Retryable.Contains(response.StatusCode))
            {
                return (location, response.StatusCode);
            }

            var range = response.Headers.TryGetValues("Range", out var ranges) ? ranges.FirstOrDefault() : null;
            if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is not { } next || range != $"0-{end}")
            {
                throw new CrossBuildException($"{client.Name}: a chunk {offset}-{end} of {size} bytes got {(int)response.StatusCode} with Range '{range}'; expected 202 with Range 0-{end} and a Location");
            }

            location = next.IsAbsoluteUri ? next : new Uri(client.BaseUri, next);
            offset = end + 1;
        }

        return (location, null);
    }

    private async Task<(bool Done, HttpStatusCode? Retry)> PutManifestAsync(OciDescriptor manifest, string reference, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(layout, "blobs", "sha256", OciDigest.Parse(manifest.Digest).Encoded), cancellationToken).ConfigureAwait(false);
        HttpRequestMessage Create(Uri u)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            return new HttpRequestMessage(HttpMethod.Put, u) { Content = content };
        }

        using var response = await client.SendAsync(Create, $"manifests/{reference}", Scope, Retryable, cancellationToken).ConfigureAwait(false);
        if (Retryable.Contains(response.StatusCode))
        {
            return (false, response.StatusCode);
        }

        // The registry must store the exact bytes: a digest it reports must be the one pushed.
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var digests) && digests.FirstOrDefault() is { } stored && stored != manifest.Digest)
        {
            throw new CrossBuildException($"{client.Name}: the registry stored manifests/{reference} as {stored}, expected {manifest.Digest}");
        }

        return (true, null);
    }

    private static StreamContent FileContent(string path)
    {
        var content = new StreamContent(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private enum BlobPush
    {
        Present,
        Uploaded,
        Mounted,
    }
}

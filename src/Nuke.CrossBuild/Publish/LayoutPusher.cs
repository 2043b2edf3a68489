using System.Net;
using System.Net.Http.Headers;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Publish;

/// <summary>
/// Pushes an assembled layout through the distribution API, in the order that never leaves a half-tagged image: each
/// blob (HEAD first; when missing, mounted from the base's repository on the same registry where that is known, else
/// uploaded: POST, then one monolithic PUT, or PATCH chunks of <paramref name="chunkSize"/> bytes and a closing PUT for
/// larger blobs), each platform manifest by digest, the index by digest (<see cref="PushContentAsync"/>), and only
/// when the caller has verified what the registry serves, the tags (<see cref="TagAsync"/>). Idempotent steps are
/// retried on 5xx and 429 answers (after the registry's Retry-After, at most 30 s; a failed chunk restarts that blob's
/// upload); every request goes through <see cref="RegistryClient"/> (credentials only to the registry or its checked
/// token realm), and every upload location the registry hands out is checked like a redirect. Each request's content
/// is made anew for each attempt (a 401 challenge or a redirect sends it again).
/// </summary>
/// <param name="client">The registry client of the target repository.</param>
/// <param name="layout">The layout directory the blobs are read from.</param>
/// <param name="mountFrom">For blobs another repository of the same registry holds (a base's layers): digest to that repository.</param>
/// <param name="chunkSize">Blobs larger than this go up in chunks of this size.</param>
internal sealed class LayoutPusher(RegistryClient client, string layout, IReadOnlyDictionary<string, string> mountFrom, long chunkSize)
{
    /// <summary>The largest chunk a registry's <c>OCI-Chunk-Min-Length</c> may make the pusher hold in memory; above it the blob goes up in one streamed PUT.</summary>
    internal const long MaxRegistryChunk = 256L << 20;

    private const int Attempts = 3;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);
    private static readonly HashSet<HttpStatusCode> Retryable = [HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout, HttpStatusCode.TooManyRequests];
    private static readonly HashSet<HttpStatusCode> MissingOrRetryable = [HttpStatusCode.NotFound, .. Retryable];

    // Manifest digest to the OCI-Subject header the registry answered its PUT with (a registry that keeps referrers itself).
    private readonly Dictionary<string, string> subjects = new(StringComparer.Ordinal);

    private string Scope => $"repository:{client.Reference.Repository}:pull,push";

    /// <summary>The <c>OCI-Subject</c> the registry answered the last PUT of this manifest with, or null (it does not keep referrers itself).</summary>
    public string? AcknowledgedSubject(string manifestDigest) => subjects.GetValueOrDefault(manifestDigest);

    /// <summary>Pushes the blobs, then the manifests by digest (in order, the index last); tags nothing.</summary>
    /// <returns>How many blobs were uploaded and how many mounted (the rest were there already).</returns>
    public async Task<(int Uploaded, int Mounted)> PushContentAsync(IReadOnlyList<OciDescriptor> blobs, IReadOnlyList<OciDescriptor> manifests, CancellationToken cancellationToken)
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
            throw new RegistryException($"{e.Message}; nothing was tagged: push again to finish (blobs already there are not sent twice)", client.Reference.Registry, e);
        }

        return (uploaded, mounted);
    }

    /// <summary>Points each tag at <paramref name="manifest"/> (pushed by digest before).</summary>
    public async Task TagAsync(OciDescriptor manifest, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        foreach (var tag in tags)
        {
            await RetryAsync(() => PutManifestAsync(manifest, tag, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    private static Retry? RetryOf(HttpResponseMessage response)
        => Retryable.Contains(response.StatusCode) ? new Retry(response.StatusCode, response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        }) : null;

    private static StreamContent FileContent(string path)
    {
        var content = new StreamContent(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private string BlobPath(string digest)
    {
        var parsed = OciDigest.Parse(digest);
        return Path.Combine(layout, "blobs", parsed.Algorithm, parsed.Encoded);
    }

    private async Task<T> RetryAsync<T>(Func<Task<(T Value, Retry? Retry)>> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (value, retry) = await step().ConfigureAwait(false);
            if (retry is not { } again)
            {
                return value;
            }

            if (attempt == Attempts)
            {
                throw new RegistryException($"{client.Name}: the registry answered {(int)again.Status} {Attempts} times in a row", client.Reference.Registry);
            }

            var wait = again.After is { } after ? (after < TimeSpan.Zero ? TimeSpan.Zero : after > MaxRetryAfter ? MaxRetryAfter : after) : TimeSpan.FromMilliseconds(500 * attempt);
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(BlobPush Done, Retry? Retry)> PushBlobAsync(OciDescriptor blob, CancellationToken cancellationToken)
    {
        using (var head = await client.SendAsync(u => new HttpRequestMessage(HttpMethod.Head, u), $"blobs/{blob.Digest}", Scope, MissingOrRetryable, cancellationToken).ConfigureAwait(false))
        {
            if (head.StatusCode == HttpStatusCode.OK)
            {
                return (BlobPush.Present, null);
            }

            if (RetryOf(head) is { } retry)
            {
                return (BlobPush.Present, retry);
            }
        }

        var (started, location, minimum) = await StartUploadAsync(blob, cancellationToken).ConfigureAwait(false);
        if (started.Done != BlobPush.Uploaded || started.Retry is not null)
        {
            return started;
        }

        // Chunks are held in memory: a registry asking for huge ones (OCI-Chunk-Min-Length) gets one streamed PUT instead.
        var path = BlobPath(blob.Digest);
        var chunk = Math.Max(chunkSize, minimum);
        var chunked = blob.Size > chunk && chunk <= Array.MaxLength && minimum <= MaxRegistryChunk;
        if (chunked)
        {
            var (next, retry) = await PatchChunksAsync(location, path, blob.Size, chunk, cancellationToken).ConfigureAwait(false);
            if (retry is not null)
            {
                return (BlobPush.Present, retry);
            }

            location = next;
        }

        // The location may carry query parameters of its own (distribution's _state): add the digest after them.
        var put = new UriBuilder(location) { Query = (location.Query.Length > 1 ? location.Query[1..] + "&" : string.Empty) + "digest=" + Uri.EscapeDataString(blob.Digest) }.Uri;
        HttpContent Body() => chunked ? new ByteArrayContent([]) : FileContent(path); // anew for each attempt: a challenge or redirect sends it again
        using var done = await client.SendAsync(u => new HttpRequestMessage(HttpMethod.Put, u) { Content = Body() }, put.ToString(), Scope, Retryable, cancellationToken).ConfigureAwait(false);
        return RetryOf(done) is { } failed ? (BlobPush.Present, failed) : (BlobPush.Uploaded, null);
    }

    // POST (a mount where the base's repository is known): the outcome when done already, else where to upload and the registry's smallest chunk.
    private async Task<((BlobPush Done, Retry? Retry) Outcome, Uri Location, long Minimum)> StartUploadAsync(OciDescriptor blob, CancellationToken cancellationToken)
    {
        // A mount needs pull on the other repository too (the token asks for both scopes).
        var from = mountFrom.GetValueOrDefault(blob.Digest);
        var (startPath, scope) = from is null
            ? ("blobs/uploads/", Scope)
            : ($"blobs/uploads/?mount={Uri.EscapeDataString(blob.Digest)}&from={Uri.EscapeDataString(from)}", $"{Scope} repository:{from}:pull");
        using var start = await client.SendAsync(u => new HttpRequestMessage(HttpMethod.Post, u) { Content = new ByteArrayContent([]) }, startPath, scope, Retryable, cancellationToken).ConfigureAwait(false);
        if (RetryOf(start) is { } retry)
        {
            return ((BlobPush.Present, retry), client.BaseUri, 0);
        }

        if (from is not null && start.StatusCode == HttpStatusCode.Created)
        {
            return ((BlobPush.Mounted, null), client.BaseUri, 0);
        }

        var location = start.StatusCode == HttpStatusCode.Accepted && start.Headers.Location is { } l
            ? UploadLocation(new Uri(client.BaseUri, startPath), l)
            : throw new RegistryException($"{client.Name}: the registry answered {(int)start.StatusCode} without an upload location to {startPath}", client.Reference.Registry);
        var minimum = start.Headers.TryGetValues("OCI-Chunk-Min-Length", out var values) && long.TryParse(values.FirstOrDefault(), out var min) ? min : 0;
        return ((BlobPush.Uploaded, null), location, minimum);
    }

    // An upload location gets the checks of a redirect: http(s) only, no downgrade, no internal address of another host.
    private Uri UploadLocation(Uri asked, Uri location) => client.CheckLocation(asked, location.IsAbsoluteUri ? location : new Uri(asked, location), "an upload location");

    // PATCH each chunk with its inclusive Content-Range; the registry's Range must confirm what it holds so far.
    private async Task<(Uri Location, Retry? Retry)> PatchChunksAsync(Uri location, string path, long size, long chunk, CancellationToken cancellationToken)
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
            if (RetryOf(response) is { } retry)
            {
                return (location, retry);
            }

            var range = response.Headers.TryGetValues("Range", out var ranges) ? ranges.FirstOrDefault() : null;
            if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is not { } next || range != $"0-{end}")
            {
                throw new RegistryException($"{client.Name}: a chunk {offset}-{end} of {size} bytes got {(int)response.StatusCode} with Range '{range}'; expected 202 with Range 0-{end} and a Location", client.Reference.Registry);
            }

            location = UploadLocation(location, next);
            offset = end + 1;
        }

        return (location, null);
    }

    private async Task<(bool Done, Retry? Retry)> PutManifestAsync(OciDescriptor manifest, string reference, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(BlobPath(manifest.Digest), cancellationToken).ConfigureAwait(false);
        HttpRequestMessage Create(Uri u)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            return new HttpRequestMessage(HttpMethod.Put, u) { Content = content };
        }

        using var response = await client.SendAsync(Create, $"manifests/{reference}", Scope, Retryable, cancellationToken).ConfigureAwait(false);
        if (RetryOf(response) is { } retry)
        {
            return (false, retry);
        }

        // The registry must store the exact bytes: a digest it reports must be the one pushed.
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var digests) && digests.FirstOrDefault() is { } stored && stored != manifest.Digest)
        {
            throw new RegistryException($"{client.Name}: the registry stored manifests/{reference} as {stored}, expected {manifest.Digest}", client.Reference.Registry);
        }

        if (response.Headers.TryGetValues("OCI-Subject", out var subject) && subject.FirstOrDefault() is { } acknowledged)
        {
            subjects[manifest.Digest] = acknowledged;
        }
        else
        {
            subjects.Remove(manifest.Digest);
        }

        return (true, null);
    }

    private readonly record struct Retry(HttpStatusCode Status, TimeSpan? After);

    private enum BlobPush
    {
        Present,
        Uploaded,
        Mounted,
    }
}

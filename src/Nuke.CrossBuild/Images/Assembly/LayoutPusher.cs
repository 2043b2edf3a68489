using System.Net;
using System.Net.Http.Headers;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Images.Assembly;

/// <summary>
/// Pushes an assembled layout through the distribution API, in the order that never leaves a half-tagged image: each
/// blob (HEAD first, uploaded only when missing: POST then one monolithic PUT), each platform manifest by digest, the
/// index by digest, and only then the tags. Idempotent steps are retried on 5xx answers; every request goes through
/// <see cref="RegistryClient"/> (credentials only to the registry or its checked token realm).
/// </summary>
internal sealed class LayoutPusher(RegistryClient client, string layout)
{
    private const int Attempts = 3;
    private static readonly HashSet<HttpStatusCode> Retryable = [HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];
    private static readonly HashSet<HttpStatusCode> MissingOrRetryable = [HttpStatusCode.NotFound, .. Retryable];

    private string Scope => $"repository:{client.Reference.Repository}:pull,push";

    /// <summary>Pushes the blobs, then the manifests (in order, the index last), then tags the last one.</summary>
    /// <returns>How many blobs were uploaded (the rest were there already).</returns>
    public async Task<int> PushAsync(IReadOnlyList<OciDescriptor> blobs, IReadOnlyList<OciDescriptor> manifests, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var uploaded = 0;
        try
        {
            foreach (var blob in blobs.DistinctBy(b => b.Digest))
            {
                uploaded += await RetryAsync(() => PushBlobAsync(blob, cancellationToken), cancellationToken).ConfigureAwait(false) ? 1 : 0;
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

        return uploaded;
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

    private async Task<(bool Uploaded, HttpStatusCode? Retry)> PushBlobAsync(OciDescriptor blob, CancellationToken cancellationToken)
    {
        using (var head = await client.SendAsync(u => new HttpRequestMessage(HttpMethod.Head, u), $"blobs/{blob.Digest}", Scope, MissingOrRetryable, cancellationToken).ConfigureAwait(false))
        {
            if (head.StatusCode == HttpStatusCode.OK)
            {
                return (false, null);
            }

            if (Retryable.Contains(head.StatusCode))
            {
                return (false, head.StatusCode);
            }
        }

        Uri location;
        using (var start = await client.SendAsync(u => new HttpRequestMessage(HttpMethod.Post, u) { Content = new ByteArrayContent([]) }, "blobs/uploads/", Scope, Retryable, cancellationToken).ConfigureAwait(false))
        {
            if (Retryable.Contains(start.StatusCode))
            {
                return (false, start.StatusCode);
            }

            location = start.StatusCode == HttpStatusCode.Accepted && start.Headers.Location is { } l
                ? (l.IsAbsoluteUri ? l : new Uri(client.BaseUri, l))
                : throw new CrossBuildException($"{client.Name}: the registry answered {(int)start.StatusCode} without an upload location to blobs/uploads/");
        }

        // The location may carry query parameters of its own (distribution's _state): add the digest after them.
        var put = new UriBuilder(location) { Query = (location.Query.Length > 1 ? location.Query[1..] + "&" : string.Empty) + "digest=" + Uri.EscapeDataString(blob.Digest) }.Uri;
        var path = Path.Combine(layout, "blobs", "sha256", OciDigest.Parse(blob.Digest).Encoded);
        using var done = await client.SendAsync(u => new HttpRequestMessage(HttpMethod.Put, u) { Content = FileContent(path) }, put.ToString(), Scope, Retryable, cancellationToken).ConfigureAwait(false);
        return Retryable.Contains(done.StatusCode) ? (false, done.StatusCode) : (true, null);
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
}

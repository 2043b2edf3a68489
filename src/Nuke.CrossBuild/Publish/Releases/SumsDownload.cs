using System.Net;
using Nuke.CrossBuild.GitHub;
using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Publish.Releases;

/// <summary>
/// Reads the previous run's SHA256SUMS asset: the API URL with Accept: application/octet-stream, then the redirect to
/// storage. The token goes only to the API's own origin (scheme, host and port), redirects only to http(s) (plain http only
/// on loopback), at most 1 MiB is read, and the whole download, body included, has a time limit.
/// </summary>
internal static class SumsDownload
{
    // SHA256SUMS holds one 64-hex line per asset: 1 MiB is thousands of assets.
    private const int MaxSumsBytes = 1 << 20;

    /// <summary>Downloads the asset's text, or null when it is missing or too long to be a checksums file.</summary>
    /// <exception cref="GitHubAnswerException">A redirect off http(s), or no complete answer within <paramref name="timeout"/>.</exception>
    public static async Task<string?> DownloadAsync(Uri apiBase, string assetUrl, string token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var uri = Checked(new Uri(apiBase, assetUrl));
        try
        {
            for (var hop = 0; hop < 3; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Accept.ParseAdd("application/octet-stream");
                request.Headers.UserAgent.ParseAdd("crossbuild");
                if (hop == 0 && GitHubApi.SameOrigin(uri, apiBase)) // the API only, never where it redirects
                {
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", token);
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
                if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } next)
                {
                    uri = Checked(next.IsAbsoluteUri ? next : new Uri(uri, next));
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return null;
                }

                // A checksums file of this run's size; anything longer is not one (then every asset goes up again).
                await using var body = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
                var buffer = new byte[MaxSumsBytes + 1];
                var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, limit.Token).ConfigureAwait(false);
                return read > MaxSumsBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, read);
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GitHubAnswerException($"the previous {ReleaseAssets.SumsName} did not arrive within {timeout.TotalSeconds:0.#} s (a stalled download)");
        }
    }

    private static Uri Checked(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && GitHubApi.IsLoopback(uri))
        ? uri
        : throw new GitHubAnswerException($"the {ReleaseAssets.SumsName} download leads to {LogText.Escape(uri.GetLeftPart(UriPartial.Path))}: expected an https address (a redirect elsewhere is refused)");
}

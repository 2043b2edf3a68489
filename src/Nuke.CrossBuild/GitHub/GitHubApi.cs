using System.Net;
using Octokit;
using Octokit.Internal;

namespace Nuke.CrossBuild.GitHub;

/// <summary>
/// The Octokit client every GitHub call here uses: one product name, the server root, the token, a time limit, and a
/// bound on every answer's size; plus the rules for where the token may go (the API's own origin, over https).
/// </summary>
internal static class GitHubApi
{
    /// <summary>The largest answer read: GitHub's answers are a few KiB to a few MiB (a release body is at most 125,000 characters).</summary>
    public const long MaxAnswerBytes = 16 << 20;

    /// <summary>Creates a client for github.com or, with <paramref name="apiUrl"/>, a GitHub Enterprise server root.</summary>
    /// <param name="apiUrl">The server root, or null for github.com.</param>
    /// <param name="token">The token, or null for anonymous requests.</param>
    /// <param name="timeout">The time limit for a request's answer to begin (Octokit's).</param>
    /// <param name="idleTimeout">The longest pause inside an answer's body (default one minute).</param>
    public static GitHubClient CreateClient(Uri? apiUrl, string? token, TimeSpan timeout, TimeSpan? idleTimeout = null)
    {
        var credentials = token is { Length: > 0 } ? new Credentials(token) : Credentials.Anonymous;
        var http = new HttpClientAdapter(() => new AnswerBoundHandler(HttpMessageHandlerFactory.CreateDefault(), MaxAnswerBytes, idleTimeout ?? TimeSpan.FromMinutes(1)));
        var product = new ProductHeaderValue("crossbuild");
        var baseAddress = new GitHubClient(product, apiUrl ?? GitHubClient.GitHubApiUrl).Connection.BaseAddress; // Octokit's own fix-up (/api/v3/ for a server root)
        var connection = new Connection(product, baseAddress, new InMemoryCredentialStore(credentials), http, new SimpleJsonSerializer());
        var client = new GitHubClient(connection);
        client.SetRequestTimeout(timeout);
        return client;
    }

    /// <summary>Why a server root may not receive the token, or null: https only, plain http only to this machine (loopback).</summary>
    public static string? ServerProblem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url))) && url.UserInfo.Length == 0
            ? null
            : $"invalid GitHub server {Internal.LogText.Escape(url.OriginalString)}: expected https://host/ (plain http only on loopback; the token must not travel in clear text)";
    }

    /// <summary>Whether a URL names this machine (127.0.0.0/8, ::1, localhost).</summary>
    public static bool IsLoopback(Uri url) => url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Whether two URLs share scheme, host and port (an origin).</summary>
    public static bool SameOrigin(Uri a, Uri b) => Uri.Compare(a, b, UriComponents.Scheme | UriComponents.Host | UriComponents.StrongPort, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>The only origin release uploads may go to with the token: uploads.github.com for github.com (uploads.X.ghe.com for api.X.ghe.com), else the API's own.</summary>
    public static Uri UploadOrigin(Uri apiBase)
    {
        ArgumentNullException.ThrowIfNull(apiBase);
        var host = apiBase.Host.ToLowerInvariant();
        return host == "api.github.com" ? new Uri("https://uploads.github.com/")
            : host.StartsWith("api.", StringComparison.Ordinal) && host.EndsWith(".ghe.com", StringComparison.Ordinal) ? new Uri($"https://uploads.{host[4..]}/") // GHE.com (data residency)
            : new Uri(apiBase.GetLeftPart(UriPartial.Authority));
    }
}

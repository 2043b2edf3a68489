using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Streams;

namespace Nuke.CrossBuild.Registry;

/// <summary>
/// HTTP to one registry repository over the distribution API: HTTPS (plain HTTP only for loopback or when marked
/// insecure), the 401 handshake through <see cref="RegistryAuthorizer"/>, redirects followed by hand (at most 5, never
/// to another scheme than http(s), never from https to http, never to an internal address of another host, and the
/// Authorization header only ever sent to the registry's own host), a connect timeout, and an idle timeout that measures
/// idleness: while a request body is written, every slice the connection takes restarts it (a slow but steady upload
/// goes on); after the body, it bounds the wait for the answer's headers.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    private const int MaxRedirects = 5, MaxErrorBody = 64 * 1024;
    private readonly HttpClient http;
    private readonly RegistryAuthorizer authorizer;
    private readonly ImageReadLimits limits;
    private AuthenticationHeaderValue? authorization;

    public RegistryClient(ImageReference reference, RegistryCredentials? credentials, bool insecure, ImageReadLimits limits, HttpMessageHandler? handler)
    {
        Reference = reference;
        this.limits = limits;
        var host = reference.Registry == "docker.io" ? "registry-1.docker.io" : reference.Registry;
        BaseUri = new Uri($"{(insecure || reference.IsLoopback ? "http" : "https")}://{host}/v2/{reference.Repository}/");
        http = handler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = limits.ConnectTimeout, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
            : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan;
        authorizer = new RegistryAuthorizer(BaseUri, credentials, insecure, Name);
    }

    public ImageReference Reference { get; }

    /// <summary>Gets the repository's API root, e.g. <c>https://ghcr.io/v2/team/app/</c>.</summary>
    public Uri BaseUri { get; }

    public string Name => Reference.ToString();

    /// <summary>Sends a request built by <paramref name="create"/> (called again after a challenge or redirect) and returns a success response.</summary>
    /// <param name="create">Makes the request for a URI.</param>
    /// <param name="path">The path under <see cref="BaseUri"/>, or an absolute URI (an upload location).</param>
    /// <param name="scope">The token scope to ask for, e.g. <c>repository:team/app:pull</c>.</param>
    /// <param name="accept">Status codes besides 2xx to hand back instead of failing (e.g. 404 for a HEAD).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<HttpResponseMessage> SendAsync(Func<Uri, HttpRequestMessage> create, string path, string scope, IReadOnlySet<HttpStatusCode>? accept, CancellationToken cancellationToken)
    {
        var uri = Uri.TryCreate(path, UriKind.Absolute, out var absolute) && !path.StartsWith('/') ? absolute : new Uri(BaseUri, path);
        if (uri.Scheme is not ("http" or "https"))
        {
            throw new RegistryException($"{Name}: refusing to send to {uri.Scheme}: (expected an http or https location)", Reference.Registry);
        }

        var challenged = false;
        for (var redirects = 0; ;)
        {
            using var request = create(uri);
            var toRegistry = SameOrigin(uri, BaseUri);
            request.Headers.Authorization = toRegistry ? authorization : null;
            var response = await SendOnceAsync(request, uri, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && toRegistry && !challenged && response.Headers.WwwAuthenticate.FirstOrDefault() is { } challenge)
            {
                response.Dispose();
                challenged = true;
                authorization = await authorizer.AuthorizeAsync(http, challenge, scope, limits.IdleTimeout, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (++redirects > MaxRedirects)
                {
                    throw new RegistryException($"{Name}: more than {MaxRedirects} redirects for {path}", Reference.Registry);
                }

                uri = CheckLocation(uri, location.IsAbsoluteUri ? location : new Uri(uri, location), "a redirect");
                continue;
            }

            if (response.IsSuccessStatusCode || accept?.Contains(response.StatusCode) == true)
            {
                return response;
            }

            using (response)
            {
                throw new RegistryException(await DescribeFailureAsync(response, path, cancellationToken).ConfigureAwait(false), Reference.Registry) { StatusCode = (int)response.StatusCode };
            }
        }
    }

    /// <summary>Wraps a response body in the idle timeout.</summary>
    public async Task<Stream> BodyAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
        => new IdleTimeoutStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), limits.IdleTimeout, $"{Name}: {what}", m => new RegistryException(m, Reference.Registry));

    public void Dispose() => http.Dispose();

    private static bool SameOrigin(Uri a, Uri b) => string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port && a.Scheme == b.Scheme;

    /// <summary>
    /// Checks a location the registry sends the client to (a redirect, an upload location): http or https only, never
    /// from https to http, never to an internal address of another host.
    /// </summary>
    /// <param name="from">The URI that was asked.</param>
    /// <param name="to">The location, absolute.</param>
    /// <param name="what">What the location is, for the message: "a redirect", "an upload location".</param>
    /// <returns><paramref name="to"/>.</returns>
    public Uri CheckLocation(Uri from, Uri to, string what)
    {
        if (!to.IsAbsoluteUri || to.Scheme is not ("http" or "https") || (from.Scheme == "https" && to.Scheme == "http"))
        {
            var shown = to.IsAbsoluteUri && to.Scheme is "http" or "https" ? to.GetLeftPart(UriPartial.Authority) : (to.IsAbsoluteUri ? to.Scheme + ":" : "a relative location");
            throw new RegistryException($"{Name}: refusing {what} from {from.GetLeftPart(UriPartial.Authority)} to {shown} (expected https, or http only from http)", Reference.Registry);
        }

        if (!string.Equals(to.Host, BaseUri.Host, StringComparison.OrdinalIgnoreCase) && RegistryHosts.IsInternalAddress(to.Host))
        {
            throw new RegistryException($"{Name}: refusing {what} to the internal address {to.Host}", Reference.Registry);
        }

        return to;
    }

    // The text of an exception and its causes, e.g. "An error occurred while sending the request: The response ended prematurely".
    private static string Causes(Exception e)
    {
        var parts = new List<string>();
        for (var x = (Exception?)e; x is not null && parts.Count < 3; x = x.InnerException)
        {
            var line = x.Message.Split('\n')[0].Trim().TrimEnd('.');
            if (line.Length > 0 && !parts.Contains(line))
            {
                parts.Add(line);
            }
        }

        return string.Join(": ", parts);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, Uri uri, CancellationToken cancellationToken)
    {
        // Idle time, not total time: each slice of the body restarts the timer; once the body is handed over, the answer
        // may take the idle time plus as long as the body took (what the connection still buffers drains at that pace).
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(limits.IdleTimeout);
        IdleUploadContent? upload = null;
        upload = IdleUploadContent.Wrap(request, () => limit.CancelAfter(limits.IdleTimeout + (upload?.SendTime ?? TimeSpan.Zero)));
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException && limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The idle timer fired (cancelling a body write can surface as a failed write rather than a cancellation).
            throw new RegistryException(upload is { Sent: false }
                ? $"{Name}: the upload to {uri.GetLeftPart(UriPartial.Authority)} made no progress for {limits.IdleTimeout.TotalSeconds:0} s; the server stopped reading (idle timeout)"
                : $"{Name}: {uri.GetLeftPart(UriPartial.Authority)} did not answer within {(limits.IdleTimeout + (upload?.SendTime ?? TimeSpan.Zero)).TotalSeconds:0} s", Reference.Registry);
        }
        catch (HttpRequestException e)
        {
            var hint = uri.Scheme == "https" && e.InnerException is System.Security.Authentication.AuthenticationException or IOException ? "; for a plain-HTTP registry pass --insecure" : string.Empty;
            throw new RegistryException($"{Name}: cannot reach {uri.GetLeftPart(UriPartial.Authority)} ({Causes(e)}){hint}", Reference.Registry, e);
        }
    }

    private async Task<string> DescribeFailureAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var detail = string.Empty;
        try
        {
            await using var body = await BodyAsync(response, "error body", cancellationToken).ConfigureAwait(false);
            var bytes = await BoundedRead.AllAsync(body, MaxErrorBody, $"{Name}: error body", m => new RegistryException(m, Reference.Registry), cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(bytes);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                && errors.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first)
            {
                var code = first.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var message = first.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                detail = $": {code} {message}".TrimEnd();
            }
        }
        catch (Exception e) when (e is JsonException or CrossBuildException or IOException)
        {
            // The status says enough.
        }

        detail = detail.ReplaceLineEndings(" ");
        detail = detail.Length > 200 ? detail[..200] + "…" : detail;
        return status switch
        {
            401 or 403 => $"{Name}: access denied ({status}) to {path}{detail}; docker login, or set {RegistryCredentials.UsernameVariable}/{RegistryCredentials.PasswordVariable} with {RegistryCredentials.ServerVariable}={Reference.Registry}",
            404 => $"{Name}: {path} not found (404){detail}",
            _ => $"{Name}: the registry answered {status} for {path}{detail}",
        };
    }
}

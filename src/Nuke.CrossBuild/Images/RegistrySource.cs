using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Nuke.CrossBuild.Images;

/// <summary>Reads an image from a registry over the distribution API: HTTPS, or plain HTTP for loopback or when asked; bearer-token and basic auth.</summary>
public sealed class RegistrySource : IImageSource
{
    private const long MaxManifest = 4 * 1024 * 1024;
    private static readonly string[] ManifestTypes = [MediaTypes.OciIndex, MediaTypes.DockerManifestList, MediaTypes.OciManifest, MediaTypes.DockerManifest];
    private static readonly string[] TokenParameters = ["service", "scope"];
    private readonly HttpClient http;
    private readonly ImageReference reference;
    private readonly RegistryCredentials? credentials;
    private readonly Uri baseUri;
    private AuthenticationHeaderValue? authorization;

    /// <summary>Creates a source for an image in a registry.</summary>
    /// <param name="reference">The image.</param>
    /// <param name="credentials">The login, or null for anonymous access.</param>
    /// <param name="insecure">Whether to use plain HTTP for a registry that is not on loopback.</param>
    /// <param name="handler">The HTTP handler, or null for the default.</param>
    public RegistrySource(ImageReference reference, RegistryCredentials? credentials = null, bool insecure = false, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        this.reference = reference;
        this.credentials = credentials;
        var host = reference.Registry == "docker.io" ? "registry-1.docker.io" : reference.Registry;
        baseUri = new Uri($"{(insecure || reference.IsLoopback ? "http" : "https")}://{host}/v2/{reference.Repository}/");
        http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromMinutes(5);
    }

    /// <inheritdoc />
    public string Name => reference.ToString();

    /// <inheritdoc />
    public async Task<(string MediaType, byte[] Content)> GetRootAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync($"manifests/{reference.Reference}", ManifestTypes, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > MaxManifest)
        {
            throw new CrossBuildException($"{Name}: manifest of {response.Content.Headers.ContentLength} bytes is larger than {MaxManifest}");
        }

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return (response.Content.Headers.ContentType?.MediaType ?? string.Empty, content);
    }

    /// <inheritdoc />
    public async Task<Stream> OpenManifestAsync(string digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var response = await SendAsync($"manifests/{digest}", ManifestTypes, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Stream> OpenBlobAsync(string digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var response = await SendAsync($"blobs/{digest}", ["*/*"], cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string path, string[] accept, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, path));
            foreach (var type in accept)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            request.Headers.Authorization = authorization;
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new CrossBuildException($"{Name}: cannot reach {baseUri.GetLeftPart(UriPartial.Authority)} ({e.Message}){(baseUri.Scheme == "https" ? "; for a plain-HTTP registry pass --insecure" : string.Empty)}");
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0 && response.Headers.WwwAuthenticate.FirstOrDefault() is { } challenge)
            {
                response.Dispose();
                authorization = await AuthorizeAsync(challenge, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new CrossBuildException(status switch
                {
                    401 or 403 => $"{Name}: access denied ({status}) to {path}; set {RegistryCredentials.UsernameVariable}/{RegistryCredentials.PasswordVariable} or docker login",
                    404 => $"{Name}: {path} not found (404)",
                    _ => $"{Name}: registry answered {status} for {path}",
                });
            }

            return response;
        }
    }

    private async Task<AuthenticationHeaderValue?> AuthorizeAsync(AuthenticationHeaderValue challenge, CancellationToken cancellationToken)
    {
        var basic = credentials is null ? null : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Secret}")));
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return basic;
        }

        var parameters = AuthChallenge.Parse(challenge.Parameter ?? string.Empty);
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new CrossBuildException($"{Name}: the registry's bearer challenge has no usable realm");
        }

        var query = string.Join("&", TokenParameters.Where(parameters.ContainsKey).Select(k => $"{k}={Uri.EscapeDataString(parameters[k])}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(realmUri) { Query = query }.Uri);
        request.Headers.Authorization = basic;
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CrossBuildException($"{Name}: the token service at {realmUri.Host} answered {(int)response.StatusCode}; check the credentials");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var token = json.RootElement.TryGetProperty("token", out var t) ? t.GetString() : json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        return token is null ? throw new CrossBuildException($"{Name}: the token service returned no token") : new AuthenticationHeaderValue("Bearer", token);
    }
}

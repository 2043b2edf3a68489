using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Streams;

namespace Nuke.CrossBuild.Registry;

/// <summary>
/// Answers a registry's 401 challenge. Basic credentials go to the registry itself, never elsewhere. A bearer realm
/// (the token service) gets the credentials only over HTTPS, or over plain HTTP when it is the registry's own host and
/// that host is loopback or was marked insecure; any other realm, a non-HTTP scheme, or a realm on an internal address
/// that is not the registry, is refused before a request is sent.
/// </summary>
internal sealed class RegistryAuthorizer(Uri registry, RegistryCredentials? credentials, bool insecure, string name)
{
    private const int MaxTokenBody = 64 * 1024;

    public async Task<AuthenticationHeaderValue?> AuthorizeAsync(HttpClient http, AuthenticationHeaderValue challenge, string defaultScope, TimeSpan idle, CancellationToken cancellationToken)
    {
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return credentials is null ? null : Basic(credentials);
        }

        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new RegistryException($"{name}: the registry asks for '{challenge.Scheme}' authentication, which crossbuild does not speak (Basic and Bearer only)", registry.Authority);
        }

        var parameters = AuthChallenge.Parse(challenge.Parameter ?? string.Empty);
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new RegistryException($"{name}: the registry's bearer challenge has no usable realm", registry.Authority);
        }

        CheckRealm(realmUri);
        using var request = new HttpRequestMessage(HttpMethod.Get, TokenUri(realmUri, parameters, defaultScope));
        request.Headers.Authorization = credentials is null ? null : Basic(credentials);
        using var response = await SendAsync(http, request, realmUri, idle, cancellationToken).ConfigureAwait(false);
        return await ReadTokenAsync(response, realmUri, idle, cancellationToken).ConfigureAwait(false);
    }

    private static AuthenticationHeaderValue Basic(RegistryCredentials credentials)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Secret}")));

    // The realm with the service and one scope parameter per scope.
    private static Uri TokenUri(Uri realmUri, Dictionary<string, string> parameters, string defaultScope)
    {
        var query = new List<string>();
        if (parameters.TryGetValue("service", out var service))
        {
            query.Add($"service={Uri.EscapeDataString(service)}");
        }

        // One scope parameter per scope (a cross-repository mount asks for pull on the source repository as well).
        var scopes = (parameters.GetValueOrDefault("scope") ?? defaultScope).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Concat(defaultScope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)).Distinct(StringComparer.Ordinal);
        query.AddRange(scopes.Select(s => $"scope={Uri.EscapeDataString(s)}"));
        return new UriBuilder(realmUri) { Query = string.Join('&', query) }.Uri;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, Uri realmUri, TimeSpan idle, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(idle);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RegistryException($"{name}: cannot reach the token service at {realmUri.GetLeftPart(UriPartial.Authority)} ({(e is OperationCanceledException ? $"no answer within {idle.TotalSeconds:0} s" : e.Message.TrimEnd('.'))})", registry.Authority);
        }
    }

    private async Task<AuthenticationHeaderValue> ReadTokenAsync(HttpResponseMessage response, Uri realmUri, TimeSpan idle, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException($"{name}: the token service at {realmUri.Host} answered {(int)response.StatusCode}; check the credentials{(credentials is null ? $" (none were found: docker login, or {RegistryCredentials.UsernameVariable}/{RegistryCredentials.PasswordVariable} with {RegistryCredentials.ServerVariable})" : string.Empty)}", registry.Authority);
        }

        await using var body = new IdleTimeoutStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), idle, $"{name}: token service", m => new RegistryException(m, registry.Authority));
        try
        {
            using var json = JsonDocument.Parse(await BoundedRead.AllAsync(body, MaxTokenBody, $"{name}: the token service's answer", m => new RegistryException(m, registry.Authority), cancellationToken).ConfigureAwait(false));
            var root = json.RootElement;
            var token = root.ValueKind != JsonValueKind.Object ? null
                : root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                : root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            return string.IsNullOrEmpty(token) ? throw new RegistryException($"{name}: the token service returned no token", registry.Authority) : new AuthenticationHeaderValue("Bearer", token);
        }
        catch (JsonException)
        {
            throw new RegistryException($"{name}: the token service answered with something other than JSON", registry.Authority);
        }
    }

    private void CheckRealm(Uri realm)
    {
        var sameHost = string.Equals(realm.Host, registry.Host, StringComparison.OrdinalIgnoreCase) && realm.Port == registry.Port;
        if (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp)
        {
            throw new RegistryException($"{name}: the registry's token realm {realm.GetLeftPart(UriPartial.Authority)} uses scheme '{realm.Scheme}'; expected https, refusing it", registry.Authority);
        }

        if (realm.Scheme == Uri.UriSchemeHttp && !(sameHost && (insecure || RegistryHosts.IsLoopback(realm.Host))))
        {
            throw new RegistryException($"{name}: the registry's token realm {realm.GetLeftPart(UriPartial.Authority)} is plain HTTP{(sameHost ? string.Empty : " on another host")}; expected https (plain HTTP only for the registry's own loopback host or with --insecure), so no credentials are sent", registry.Authority);
        }

        if (!sameHost && RegistryHosts.IsInternalAddress(realm.Host))
        {
            throw new RegistryException($"{name}: the registry's token realm points at the internal address {realm.Host}, not the registry; refusing it", registry.Authority);
        }
    }
}

using System.Text;
using System.Text.Json;
using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Registry;

/// <summary>
/// A registry login for one registry, found in the environment or the docker config (never taken from the command
/// line). The environment's login belongs to the one registry <c>CROSSBUILD_REGISTRY_SERVER</c> names and is offered to
/// no other.
/// </summary>
/// <param name="Username">The user name.</param>
/// <param name="Secret">The password or token.</param>
public sealed record RegistryCredentials(string Username, string Secret)
{
    /// <summary>The variable holding the user name for the registry <see cref="ServerVariable"/> names.</summary>
    public const string UsernameVariable = "CROSSBUILD_REGISTRY_USERNAME";

    /// <summary>The variable holding the password or token for the registry <see cref="ServerVariable"/> names.</summary>
    public const string PasswordVariable = "CROSSBUILD_REGISTRY_PASSWORD";

    /// <summary>The variable naming the registry (<c>host[:port]</c>, e.g. <c>ghcr.io</c>) the environment's login belongs to.</summary>
    public const string ServerVariable = "CROSSBUILD_REGISTRY_SERVER";

    /// <summary>Hides the secret from logs and debuggers.</summary>
    /// <returns>The user name and a mask.</returns>
    public override string ToString() => $"{Username}:***";

    /// <summary>Finds credentials for a registry: the CROSSBUILD_REGISTRY_* variables when they name this registry, else the docker config's credential helper or <c>auths</c>.</summary>
    /// <param name="registry">The registry host, e.g. <c>ghcr.io</c>.</param>
    /// <param name="getVariable">Reads environment variables.</param>
    /// <param name="helperTimeout">How long a credential helper may run, or null for 30 s.</param>
    /// <param name="cancellationToken">Cancels a credential helper.</param>
    /// <returns>The credentials, or null for anonymous access.</returns>
    /// <exception cref="CredentialException">The variables are set without a server, the config is unreadable, or a helper fails or hangs.</exception>
    public static async Task<RegistryCredentials?> FindAsync(string registry, Func<string, string?>? getVariable = null, TimeSpan? helperTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        getVariable ??= Environment.GetEnvironmentVariable;
        if (getVariable(UsernameVariable) is { Length: > 0 } user && getVariable(PasswordVariable) is { Length: > 0 } password)
        {
            var server = getVariable(ServerVariable);
            if (string.IsNullOrWhiteSpace(server))
            {
                throw new CredentialException($"{UsernameVariable}/{PasswordVariable} are set but {ServerVariable} is not: set it to the one registry they belong to (e.g. ghcr.io); a login is never offered to every registry");
            }

            if (SameRegistry(server.Trim(), registry))
            {
                return new RegistryCredentials(user, password);
            }
        }

        var configDir = getVariable("DOCKER_CONFIG") ?? Path.Combine(getVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var configPath = Path.Combine(configDir, "config.json");
        if (!File.Exists(configPath))
        {
            return null;
        }

        try
        {
            using var config = JsonDocument.Parse(await BoundedRead.AllAsync(File.OpenRead(configPath), 4 * 1024 * 1024, configPath, m => new CredentialException(m), cancellationToken).ConfigureAwait(false));
            var keys = IsDockerHub(registry) ? new[] { "https://index.docker.io/v1/", "docker.io", "index.docker.io" } : [registry, "https://" + registry, "http://" + registry];
            var root = config.RootElement;
            var helper = keys.Select(k => Text(root, "credHelpers", k)).FirstOrDefault(h => h is not null) ?? Text(root, "credsStore", null);
            if (helper is not null && await FromHelperAsync(helper, keys[0], getVariable("PATH"), helperTimeout ?? TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false) is { } fromHelper)
            {
                return fromHelper;
            }

            foreach (var key in keys)
            {
                if (Text(root, "auths", key, "auth") is { } auth)
                {
                    var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth)).Split(':', 2);
                    return decoded.Length == 2 ? new RegistryCredentials(decoded[0], decoded[1]) : null;
                }
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new CredentialException($"cannot read credentials from {configPath}: {e.Message.Split('\n')[0]}");
        }

        return null;
    }

    /// <summary>Tells whether two registry names are the same registry (Docker Hub's aliases are one).</summary>
    /// <param name="a">A registry, e.g. <c>ghcr.io</c>.</param>
    /// <param name="b">Another.</param>
    /// <returns>Whether they name the same host and port.</returns>
    public static bool SameRegistry(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        static string Normal(string r)
        {
            r = r.Trim().TrimEnd('/');
            foreach (var scheme in new[] { "https://", "http://" })
            {
                r = r.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? r[scheme.Length..] : r;
            }

            r = r.Split('/')[0].ToLowerInvariant();
            return IsDockerHub(r) ? "docker.io" : r;
        }

        return Normal(a) == Normal(b);
    }

    private static bool IsDockerHub(string registry) => registry is "docker.io" or "index.docker.io" or "registry-1.docker.io";

    // docker-credential-<helper> get: the server URL on stdin, {"Username","Secret"} on stdout; bounded in time.
    private static async Task<RegistryCredentials?> FromHelperAsync(string helper, string server, string? path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (PathLookup.Find($"docker-credential-{helper}", path) is not { } program)
        {
            throw new CredentialException($"the docker config names the credential helper '{helper}', but docker-credential-{helper} is not on PATH");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        ToolResult result;
        try
        {
            result = await Tool.RunAsync(program, ["get"], standardInput: server, cancellationToken: limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CredentialException($"the docker credential helper docker-credential-{helper} did not answer within {timeout.TotalSeconds:0} s");
        }

        if (!result.Succeeded)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(result.StdOut);
            return Text(json.RootElement, "Username") is { } user && Text(json.RootElement, "Secret") is { } secret ? new RegistryCredentials(user, secret) : null;
        }
        catch (JsonException)
        {
            throw new CredentialException($"the docker credential helper docker-credential-{helper} printed something other than JSON");
        }
    }

    private static string? Text(JsonElement element, params string?[] path)
    {
        foreach (var key in path.Where(k => k is not null))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key!, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}

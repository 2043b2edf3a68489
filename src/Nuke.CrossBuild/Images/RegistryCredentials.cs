using System.Text;
using System.Text.Json;
using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Images;

/// <summary>A registry login, found in the environment or the docker config (never taken from the command line).</summary>
/// <param name="Username">The user name.</param>
/// <param name="Secret">The password or token.</param>
public sealed record RegistryCredentials(string Username, string Secret)
{
    /// <summary>The variable holding the user name for every registry.</summary>
    public const string UsernameVariable = "CROSSBUILD_REGISTRY_USERNAME";

    /// <summary>The variable holding the password or token for every registry.</summary>
    public const string PasswordVariable = "CROSSBUILD_REGISTRY_PASSWORD";

    /// <summary>Hides the secret from logs and debuggers.</summary>
    /// <returns>The user name and a mask.</returns>
    public override string ToString() => $"{Username}:***";

    /// <summary>Finds credentials for a registry: the CROSSBUILD_REGISTRY_* variables, else the docker config's credential helper or <c>auths</c>.</summary>
    /// <param name="registry">The registry host, e.g. <c>ghcr.io</c>.</param>
    /// <param name="getVariable">Reads environment variables.</param>
    /// <returns>The credentials, or null for anonymous access.</returns>
    public static async Task<RegistryCredentials?> FindAsync(string registry, Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        if (getVariable(UsernameVariable) is { Length: > 0 } user && getVariable(PasswordVariable) is { Length: > 0 } password)
        {
            return new RegistryCredentials(user, password);
        }

        var configDir = getVariable("DOCKER_CONFIG") ?? Path.Combine(getVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var configPath = Path.Combine(configDir, "config.json");
        if (!File.Exists(configPath))
        {
            return null;
        }

        try
        {
            using var config = JsonDocument.Parse(await File.ReadAllTextAsync(configPath).ConfigureAwait(false));
            var keys = registry == "docker.io" ? new[] { "https://index.docker.io/v1/", "docker.io", "index.docker.io" } : [registry, "https://" + registry, "http://" + registry];
            var root = config.RootElement;
            var helper = keys.Select(k => Text(root, "credHelpers", k)).FirstOrDefault(h => h is not null) ?? Text(root, "credsStore", null);
            if (helper is not null && await FromHelperAsync(helper, keys[0]).ConfigureAwait(false) is { } fromHelper)
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
        catch (Exception e) when (e is JsonException or FormatException or IOException)
        {
            throw new CrossBuildException($"cannot read credentials from {configPath}: {e.Message}");
        }

        return null;
    }

    // docker-credential-<helper> get: the server URL on stdin, {"Username","Secret"} on stdout.
    private static async Task<RegistryCredentials?> FromHelperAsync(string helper, string server)
    {
        var result = await ToolProcess.RunAsync($"docker-credential-{helper}", ["get"], standardInput: server).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return null;
        }

        using var json = JsonDocument.Parse(result.StdOut);
        return Text(json.RootElement, "Username") is { } user && Text(json.RootElement, "Secret") is { } secret ? new RegistryCredentials(user, secret) : null;
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

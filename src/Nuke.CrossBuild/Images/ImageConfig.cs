using System.Text.Json;

namespace Nuke.CrossBuild.Images;

/// <summary>The parts of an image config verification uses: platform, entrypoint, command, environment.</summary>
public sealed record ImageConfig
{
    /// <summary>Gets the platform the config states (<c>os/architecture[/variant]</c>).</summary>
    public required string PlatformText { get; init; }

    /// <summary>Gets the entrypoint.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>Gets the command.</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>Gets the environment (<c>NAME=value</c>).</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>Gets the program the container runs first: the entrypoint's first word, else the command's.</summary>
    public string? Program => Entrypoint.Count > 0 ? Entrypoint[0] : Cmd.Count > 0 ? Cmd[0] : null;

    /// <summary>Gets the PATH directories the container searches.</summary>
    public IReadOnlyList<string> Path => Env.FirstOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal)) is { } path
        ? path[5..].Split(':', StringSplitOptions.RemoveEmptyEntries)
        : ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    internal static ImageConfig Parse(byte[] content)
    {
        using var json = JsonDocument.Parse(content);
        var root = json.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        var config = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        IReadOnlyList<string> List(string name) => config.ValueKind == JsonValueKind.Object && config.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];
        var variant = Text("variant");
        return new ImageConfig
        {
            PlatformText = $"{Text("os")}/{Text("architecture")}{(variant.Length > 0 ? "/" + variant : string.Empty)}",
            Entrypoint = List("Entrypoint"),
            Cmd = List("Cmd"),
            Env = List("Env"),
        };
    }
}

using System.Text.Json;

namespace Nuke.CrossBuild.Oci;

/// <summary>The parts of an image config verification uses: platform, entrypoint, command, environment, working directory, layer diff_ids.</summary>
public sealed record ImageConfig
{
    /// <summary>The PATH a container gets when the config sets none.</summary>
    public static readonly IReadOnlyList<string> DefaultPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>Gets the platform the config states (<c>os/architecture[/variant]</c>).</summary>
    public required string PlatformText { get; init; }

    /// <summary>Gets the entrypoint.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>Gets the command.</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>Gets the environment (<c>NAME=value</c>).</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>Gets the working directory (<c>/</c> when the config sets none).</summary>
    public string WorkingDir { get; init; } = "/";

    /// <summary>Gets the uncompressed digests of the layers, bottom first (<c>rootfs.diff_ids</c>).</summary>
    public IReadOnlyList<OciDigest> DiffIds { get; init; } = [];

    /// <summary>Gets the program the container runs first: the entrypoint's first word, else the command's.</summary>
    public string? Program => Entrypoint.Count > 0 ? Entrypoint[0] : Cmd.Count > 0 ? Cmd[0] : null;

    /// <summary>Gets the PATH directories the container searches.</summary>
    public IReadOnlyList<string> Path => Env.FirstOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal)) is { } path
        ? path[5..].Split(':', StringSplitOptions.RemoveEmptyEntries)
        : DefaultPath;

    /// <summary>Gets the absolute paths where the program can be, in the order the container runtime tries them: the path itself
    /// when absolute, the working directory joined with it when relative with a slash, else each PATH directory.</summary>
    /// <param name="program">The program (the entrypoint's first word, or a path the user named).</param>
    /// <returns>The candidates.</returns>
    public IReadOnlyList<string> Candidates(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.StartsWith('/') ? [program]
            : program.Contains('/', StringComparison.Ordinal) ? [$"{WorkingDir.TrimEnd('/')}/{program}"]
            : [.. Path.Select(d => $"{d.TrimEnd('/')}/{program}")];
    }

    internal static ImageConfig Parse(byte[] content, string what)
    {
        using var json = OciJson.Object(content, what);
        var root = json.RootElement;
        var config = OciJson.Child(root, "config", JsonValueKind.Object);
        IReadOnlyList<string> List(string name) => config is { } c && OciJson.Child(c, name, JsonValueKind.Array) is { } v
            ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];
        var variant = OciJson.Text(root, "variant") is { Length: > 0 } v ? "/" + v : string.Empty;
        return new ImageConfig
        {
            PlatformText = $"{OciJson.Text(root, "os")}/{OciJson.Text(root, "architecture")}{variant}",
            Entrypoint = List("Entrypoint"),
            Cmd = List("Cmd"),
            Env = List("Env"),
            WorkingDir = config is { } cfg && OciJson.Text(cfg, "WorkingDir") is { Length: > 0 } dir ? (dir.StartsWith('/') ? dir : "/" + dir) : "/",
            DiffIds = ParseRootfs(root, what),
        };
    }

    private static List<OciDigest> ParseRootfs(JsonElement root, string what)
    {
        if (OciJson.Child(root, "rootfs", JsonValueKind.Object) is not { } rootfs)
        {
            throw new ContentVerificationException($"{what} has no rootfs");
        }

        if (OciJson.Text(rootfs, "type") != "layers")
        {
            throw new ContentVerificationException($"{what} has rootfs.type '{OciJson.Text(rootfs, "type")}'; expected 'layers'");
        }

        var diffIds = new List<OciDigest>();
        if (OciJson.Child(rootfs, "diff_ids", JsonValueKind.Array) is not { } list)
        {
            throw new ContentVerificationException($"{what} has no rootfs.diff_ids list");
        }

        foreach (var item in list.EnumerateArray())
        {
            diffIds.Add(OciDigest.TryParse(item.ValueKind == JsonValueKind.String ? item.GetString() : null, out var digest, out var error)
                ? digest
                : throw new ContentVerificationException($"{what} has an invalid diff_id: {error}"));
        }

        return diffIds;
    }
}

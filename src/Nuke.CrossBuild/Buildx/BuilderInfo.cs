using System.Text.Json;

namespace Nuke.CrossBuild.Buildx;

/// <summary>A buildx builder as <c>docker buildx ls --format json</c> describes it.</summary>
public sealed record BuilderInfo
{
    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the driver (docker, docker-container, kubernetes, remote).</summary>
    public required string Driver { get; init; }

    /// <summary>Gets the nodes.</summary>
    public IReadOnlyList<BuilderNode> Nodes { get; init; } = [];

    /// <summary>Gets whether every node is running.</summary>
    public bool Running => Nodes.Count > 0 && Nodes.All(n => n.Status == "running");

    /// <summary>Gets the platforms its nodes build natively or through emulators.</summary>
    public IReadOnlyList<string> Platforms => [.. Nodes.SelectMany(n => n.Platforms).Distinct()];

    /// <summary>Parses the output of <c>docker buildx ls --format json</c> (one JSON object per line).</summary>
    /// <param name="output">The output.</param>
    /// <returns>The builders.</returns>
    public static IReadOnlyList<BuilderInfo> ParseList(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var builders = new List<BuilderInfo>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{')))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            builders.Add(new BuilderInfo
            {
                Name = Text(root, "Name") ?? string.Empty,
                Driver = Text(root, "Driver") ?? string.Empty,
                Nodes = root.TryGetProperty(nameof(Nodes), out var nodes) && nodes.ValueKind == JsonValueKind.Array
                    ? [.. nodes.EnumerateArray().Select(n => new BuilderNode(
                        Text(n, "Name") ?? string.Empty,
                        Text(n, "Endpoint") ?? string.Empty,
                        Text(n, "Status") ?? "unknown",
                        n.TryGetProperty(nameof(Platforms), out var p) && p.ValueKind == JsonValueKind.Array ? [.. p.EnumerateArray().Select(x => x.GetString() ?? string.Empty)] : [],
                        Text(n, "Err")))]
                    : [],
            });
        }

        return builders;
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}


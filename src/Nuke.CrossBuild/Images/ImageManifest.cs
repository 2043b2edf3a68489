using System.Text.Json;

namespace Nuke.CrossBuild.Images;

/// <summary>A single-platform image manifest: its config and its layers, bottom first.</summary>
public sealed record ImageManifest
{
    /// <summary>Gets the config descriptor.</summary>
    public required OciDescriptor Config { get; init; }

    /// <summary>Gets the layers, bottom layer first.</summary>
    public required IReadOnlyList<OciDescriptor> Layers { get; init; }

    internal static ImageManifest Parse(byte[] content, string source)
    {
        using var json = JsonDocument.Parse(content);
        var root = json.RootElement;
        if (!root.TryGetProperty("config", out var config) || !root.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
        {
            throw new CrossBuildException($"{source}: manifest has no config or layers");
        }

        return new ImageManifest { Config = OciDescriptor.Parse(config), Layers = [.. layers.EnumerateArray().Select(OciDescriptor.Parse)] };
    }

    internal static IReadOnlyList<OciDescriptor> ParseIndex(byte[] content)
    {
        using var json = JsonDocument.Parse(content);
        return json.RootElement.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array
            ? [.. manifests.EnumerateArray().Select(OciDescriptor.Parse)]
            : [];
    }

    internal static string? MediaTypeOf(byte[] content)
    {
        using var json = JsonDocument.Parse(content);
        return json.RootElement.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
    }
}

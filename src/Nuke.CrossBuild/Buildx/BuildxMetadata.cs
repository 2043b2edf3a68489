using System.Text.Json;

namespace Nuke.CrossBuild.Buildx;

/// <summary>What <c>--metadata-file</c> says about a build: the image digest, its descriptor, names and build ref.</summary>
public sealed record BuildxMetadata
{
    /// <summary>Gets <c>containerimage.digest</c>: the digest of the index (multi-platform) or manifest.</summary>
    public string? Digest { get; init; }

    /// <summary>Gets the media type from <c>containerimage.descriptor</c>.</summary>
    public string? MediaType { get; init; }

    /// <summary>Gets the size from <c>containerimage.descriptor</c>.</summary>
    public long? Size { get; init; }

    /// <summary>Gets <c>image.name</c> (the names it was exported as).</summary>
    public string? ImageName { get; init; }

    /// <summary>Gets <c>buildx.build.ref</c>.</summary>
    public string? BuildRef { get; init; }

    /// <summary>Parses the metadata file of <c>docker buildx bake</c>: one build's metadata per target name.</summary>
    /// <param name="json">The content.</param>
    /// <returns>The metadata by target name (empty for an empty file).</returns>
    /// <exception cref="CrossBuildException">The content is not a JSON object.</exception>
    public static IReadOnlyDictionary<string, BuildxMetadata> ParseBake(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Trim().Length == 0)
        {
            return new Dictionary<string, BuildxMetadata>();
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind != JsonValueKind.Object
                ? throw new BuildxException($"bake metadata: expected a JSON object, got {doc.RootElement.ValueKind}")
                : doc.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).ToDictionary(p => p.Name, p => Parse(p.Value.GetRawText()), StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new BuildxException($"bake metadata is not JSON: {e.Message}");
        }
    }

    /// <summary>Parses a metadata file's JSON.</summary>
    /// <param name="json">The content.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="BuildxException">The content is not JSON.</exception>
    public static BuildxMetadata Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var descriptor = root.TryGetProperty("containerimage.descriptor", out var d) ? d : default;
            return new BuildxMetadata
            {
                Digest = Text(root, "containerimage.digest"),
                MediaType = Text(descriptor, "mediaType"),
                Size = descriptor.ValueKind == JsonValueKind.Object && descriptor.TryGetProperty("size", out var s) && s.TryGetInt64(out var size) ? size : null,
                ImageName = Text(root, "image.name"),
                BuildRef = Text(root, "buildx.build.ref"),
            };
        }
        catch (JsonException e)
        {
            throw new BuildxException($"buildx metadata is not JSON: {e.Message}");
        }
    }
}

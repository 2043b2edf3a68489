using System.Text.Json;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Images;

/// <summary>An OCI content descriptor: what a blob is, its digest and size, and for index entries the platform.</summary>
public sealed record OciDescriptor
{
    /// <summary>Gets the media type.</summary>
    public required string MediaType { get; init; }

    /// <summary>Gets the digest, e.g. <c>sha256:…</c>.</summary>
    public required string Digest { get; init; }

    /// <summary>Gets the size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Gets the platform as the index states it (<c>os/architecture[/variant]</c>, raw, not normalized), or null.</summary>
    public string? PlatformText { get; init; }

    /// <summary>Gets the annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets whether this entry is an attestation manifest (BuildKit's <c>unknown/unknown</c> entries).</summary>
    public bool IsAttestation => PlatformText == "unknown/unknown" || Annotations.ContainsKey("vnd.docker.reference.type");

    /// <summary>Gets the normalized platform, or null when the index names none or one the table does not know.</summary>
    public Platform? Platform => PlatformText is not null && Platforms.Platform.TryParse(PlatformText, out var p, out _) ? p : null;

    internal static OciDescriptor Parse(JsonElement element)
    {
        string? platform = null;
        if (element.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            var variant = p.TryGetProperty("variant", out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? "/" + v.GetString() : string.Empty;
            platform = $"{Text(p, "os")}/{Text(p, "architecture")}{variant}";
        }

        var annotations = element.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object
            ? a.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String).ToDictionary(x => x.Name, x => x.Value.GetString()!)
            : new Dictionary<string, string>();
        return new OciDescriptor
        {
            MediaType = Text(element, "mediaType"),
            Digest = Text(element, "digest"),
            Size = element.TryGetProperty("size", out var s) && s.TryGetInt64(out var size) ? size : 0,
            PlatformText = platform,
            Annotations = annotations,
        };
    }

    private static string Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}

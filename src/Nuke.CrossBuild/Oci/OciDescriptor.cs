using System.Text.Json;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Oci;

/// <summary>An OCI content descriptor: what a blob is, its digest and size, and for index entries the platform.</summary>
public sealed record OciDescriptor
{
    /// <summary>Gets the media type.</summary>
    public required string MediaType { get; init; }

    /// <summary>Gets the digest, e.g. <c>sha256:…</c>, as written (validated when the blob is read).</summary>
    public required string Digest { get; init; }

    /// <summary>Gets the size in bytes; -1 when the descriptor has no valid size (such a blob is never read).</summary>
    public long Size { get; init; }

    /// <summary>Gets the platform as the index states it (<c>os/architecture[/variant]</c>, raw, not normalized), or null.</summary>
    public string? PlatformText { get; init; }

    /// <summary>Gets the annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets whether this entry is an attestation manifest (BuildKit's <c>unknown/unknown</c> entries); an entry naming a runnable platform never is, whatever its annotations (a runtime would still pick it).</summary>
    public bool IsAttestation => PlatformText == "unknown/unknown" || (Annotations.ContainsKey("vnd.docker.reference.type") && Platform is null);

    /// <summary>Gets the normalized platform, or null when the index names none or one the table does not know.</summary>
    public Platform? Platform => PlatformText is not null && Platforms.Platform.TryParse(PlatformText, out var p, out _) ? p : null;

    internal static OciDescriptor Parse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new OciDescriptor { MediaType = string.Empty, Digest = string.Empty, Size = -1 };
        }

        string? platform = null;
        if (OciJson.Child(element, "platform", JsonValueKind.Object) is { } p)
        {
            var variant = OciJson.Text(p, "variant") is { Length: > 0 } v ? "/" + v : string.Empty;
            platform = $"{OciJson.Text(p, "os")}/{OciJson.Text(p, "architecture")}{variant}";
        }

        var annotations = OciJson.Child(element, "annotations", JsonValueKind.Object) is { } a
            ? a.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String).ToDictionary(x => x.Name, x => x.Value.GetString()!)
            : new Dictionary<string, string>();
        return new OciDescriptor
        {
            MediaType = OciJson.Text(element, "mediaType") ?? string.Empty,
            Digest = OciJson.Text(element, "digest") ?? string.Empty,
            Size = element.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var size) && size >= 0 ? size : -1,
            PlatformText = platform,
            Annotations = annotations,
        };
    }
}

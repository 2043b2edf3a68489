using System.Text.Json;

namespace Nuke.CrossBuild.Oci;

/// <summary>A single-platform image manifest: its config and its layers, bottom first.</summary>
public sealed record ImageManifest
{
    /// <summary>Gets the config descriptor.</summary>
    public required OciDescriptor Config { get; init; }

    /// <summary>Gets the layers, bottom layer first.</summary>
    public required IReadOnlyList<OciDescriptor> Layers { get; init; }

    /// <summary>Parses a manifest, refusing an index presented as a manifest, Docker schema 1, and a <c>mediaType</c> that contradicts the descriptor.</summary>
    internal static ImageManifest Parse(byte[] content, string what, string? expectedMediaType = null)
    {
        using var json = OciJson.Object(content, what);
        var root = json.RootElement;
        var declared = OciJson.Text(root, "mediaType");
        if (root.TryGetProperty("manifests", out _) || MediaTypes.IsIndex(declared))
        {
            throw new ContentVerificationException($"{what} is an index where a manifest was expected");
        }

        if (root.TryGetProperty("fsLayers", out _))
        {
            throw new ContentVerificationException($"{what} is a Docker schema 1 manifest, which is not supported (expected schema 2 or OCI)");
        }

        if (declared is not null && MediaTypes.IsManifest(expectedMediaType) && declared != expectedMediaType)
        {
            throw new ContentVerificationException($"{what} says mediaType {declared}, but its descriptor says {expectedMediaType}");
        }

        if (OciJson.Child(root, "config", JsonValueKind.Object) is not { } config || OciJson.Child(root, "layers", JsonValueKind.Array) is not { } layers)
        {
            throw new ContentVerificationException($"{what} has no config or layers");
        }

        return new ImageManifest { Config = OciDescriptor.Parse(config), Layers = [.. layers.EnumerateArray().Select(OciDescriptor.Parse)] };
    }

    /// <summary>Parses an index, refusing a manifest presented as an index.</summary>
    internal static IReadOnlyList<OciDescriptor> ParseIndex(byte[] content, string what)
    {
        using var json = OciJson.Object(content, what);
        var root = json.RootElement;
        if (root.TryGetProperty("config", out _) || root.TryGetProperty("layers", out _))
        {
            throw new ContentVerificationException($"{what} is a manifest where an index was expected");
        }

        return OciJson.Child(root, "manifests", JsonValueKind.Array) is { } manifests
            ? [.. manifests.EnumerateArray().Select(OciDescriptor.Parse)]
            : throw new ContentVerificationException($"{what} has no manifests list");
    }

    /// <summary>Reads the <c>mediaType</c> field of parsed-before content (null when absent).</summary>
    internal static string? DeclaredMediaType(byte[] content)
    {
        using var json = OciJson.Object(content, "manifest");
        return OciJson.Text(json.RootElement, "mediaType");
    }

    /// <summary>Tells a manifest from an index by its content (the <c>mediaType</c> field, else its shape).</summary>
    internal static bool LooksLikeManifest(byte[] content, string what, string? statedMediaType)
    {
        using var json = OciJson.Object(content, what);
        var root = json.RootElement;
        var declared = OciJson.Text(root, "mediaType") ?? statedMediaType;
        return MediaTypes.IsManifest(declared) || (!MediaTypes.IsIndex(declared) && root.TryGetProperty("layers", out _) && !root.TryGetProperty("manifests", out _));
    }
}

using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Publish;

/// <summary>Immutable settings of the merge that ends a split build: per-platform digests into one tagged, verified index.</summary>
public sealed record ImageMergeSettings
{
    /// <summary>Gets the repository the digests were pushed to, e.g. <c>ghcr.io/owner/app</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>Gets the per-platform digests (<c>sha256:…</c>).</summary>
    public IReadOnlyList<string> Digests { get; init; } = [];

    /// <summary>Gets the full references the index is tagged with; the first is verified.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the index annotations (e.g. <c>org.opencontainers.image.*</c>; written as <c>index:</c> annotations).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    /// <summary>Gets the platform specs the index must hold, or empty to accept what the digests hold.</summary>
    public PlatformSelection Platforms { get; init; } = PlatformSelection.AsBuilt;

    /// <summary>Gets whether each platform's binary must be static.</summary>
    public bool RequireStatic { get; init; }

    /// <summary>Gets the binary to verify in each platform, or null for the entrypoint.</summary>
    public string? BinaryPath { get; init; }

    /// <summary>
    /// Gets the path of an ECDSA P-256 PKCS#8 PEM private key that signs the merged index after what the registry serves
    /// under its digest verified (cosign's <c>.sig</c> and SLSA Verification Summaries under <c>.att</c>), or null for no signature.
    /// </summary>
    public string? SignKey { get; init; }
}

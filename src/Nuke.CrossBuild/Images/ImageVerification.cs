using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Images;

/// <summary>The outcome of verifying a multi-platform image.</summary>
public sealed record ImageVerification
{
    /// <summary>Gets the image (reference or path).</summary>
    public required string Image { get; init; }

    /// <summary>Gets the platforms the index lists (attestations left out), as written there.</summary>
    public required IReadOnlyList<string> Platforms { get; init; }

    /// <summary>Gets the attestation manifests the index holds (BuildKit's <c>unknown/unknown</c> entries), by digest.</summary>
    public IReadOnlyList<string> Attestations { get; init; } = [];

    /// <summary>Gets the per-platform outcomes, in index order.</summary>
    public IReadOnlyList<ImagePlatformVerification> Entries { get; init; } = [];

    /// <summary>Gets every problem, one line each.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>Gets whether the image passed.</summary>
    public bool Ok => Problems.Count == 0;
}

/// <summary>The check of one platform's manifest in an image.</summary>
/// <param name="Platform">The platform, as the index states it.</param>
/// <param name="ManifestDigest">The digest of that platform's manifest.</param>
/// <param name="Path">The binary checked inside the image, after links were followed, or null.</param>
/// <param name="Binary">The binary's verification, or null when it could not be found.</param>
/// <param name="Problems">This platform's problems, one line each.</param>
public sealed record ImagePlatformVerification(Platform? Platform, string ManifestDigest, string? Path, BinaryVerification? Binary, IReadOnlyList<string> Problems)
{
    /// <summary>Gets the platform image's size as stored: its manifest's config and compressed layers, in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Gets whether this platform passed.</summary>
    public bool Ok => Problems.Count == 0;
}

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

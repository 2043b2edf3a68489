using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Images;

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

    /// <summary>Gets whether this verdict was read from a <see cref="Verification.VerdictRecord"/> (the manifest was verified under the same checks before) instead of judged now.</summary>
    public bool Recorded { get; init; }

    /// <summary>Gets whether this platform passed.</summary>
    public bool Ok => Problems.Count == 0;
}

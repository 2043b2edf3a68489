using Nuke.CrossBuild.Images;

namespace Nuke.CrossBuild.Publish;

/// <summary>What a merge produced: the index's digest and its verification.</summary>
/// <param name="Digest">The digest of the index the registry now serves under the first tag.</param>
/// <param name="Verification">The verification of that index (of the index pinned to <paramref name="Digest"/> when signing).</param>
public sealed record ImageMergeResult(string Digest, ImageVerification Verification)
{
    /// <summary>Gets the tag of the index's signature (<c>sha256-&lt;hex&gt;.sig</c>) when <see cref="ImageMergeSettings.SignKey"/> signed it, or null.</summary>
    public string? Signature { get; init; }
}

using Nuke.CrossBuild.Images;

namespace Nuke.CrossBuild.Publish;

/// <summary>What a merge produced: the index's digest and its verification.</summary>
/// <param name="Digest">The digest of the index the registry now serves under the first tag.</param>
/// <param name="Verification">The verification of that index.</param>
public sealed record ImageMergeResult(string Digest, ImageVerification Verification);

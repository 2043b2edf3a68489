namespace Nuke.CrossBuild.Publish.Releases;

/// <summary>What a release run did.</summary>
/// <param name="Url">The release's page.</param>
/// <param name="Draft">Whether it is still a draft.</param>
/// <param name="Assets">Every asset of this run, archives first.</param>
/// <param name="Uploaded">The names uploaded (new or changed).</param>
/// <param name="Kept">The names already there with the same checksum.</param>
public sealed record ReleaseResult(string Url, bool Draft, IReadOnlyList<ReleaseAsset> Assets, IReadOnlyList<string> Uploaded, IReadOnlyList<string> Kept);

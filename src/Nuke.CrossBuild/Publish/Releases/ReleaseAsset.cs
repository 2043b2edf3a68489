namespace Nuke.CrossBuild.Publish.Releases;

/// <summary>One file of a release: an archive of a platform's binary, the checksums or the verification report.</summary>
/// <param name="Name">The asset's name on the release.</param>
/// <param name="Path">The file on this machine.</param>
/// <param name="Sha256">Its SHA-256, lowercase hex.</param>
/// <param name="Platform">The platform of an archive, or null.</param>
public sealed record ReleaseAsset(string Name, string Path, string Sha256, string? Platform);

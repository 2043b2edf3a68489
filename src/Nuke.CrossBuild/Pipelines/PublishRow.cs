namespace Nuke.CrossBuild.Pipelines;

/// <summary>One platform of one published image, as the publish table shows it.</summary>
/// <param name="Image">The image name (e.g. the sample it came from).</param>
/// <param name="Platform">The platform, e.g. <c>linux/arm/v7</c>.</param>
/// <param name="Mode">How it was built: <c>native</c>, <c>cross</c> or <c>emulated</c>.</param>
/// <param name="Seconds">The seconds of BuildKit's steps for the platform, or null when the build log had none.</param>
/// <param name="Size">The platform image's stored size in bytes (config and compressed layers).</param>
/// <param name="Static">Whether the binary is statically linked, or null when it was not found.</param>
/// <param name="Verified">Whether the platform passed verification.</param>
/// <param name="Digest">The platform manifest's digest.</param>
public sealed record PublishRow(string Image, string Platform, string Mode, double? Seconds, long Size, bool? Static, bool Verified, string Digest)
{
    /// <summary>Gets whether the image was pushed to a registry (only a pushed image can be signed).</summary>
    public bool Pushed { get; init; }

    /// <summary>Gets the tag of the pushed index's signature (<c>sha256-&lt;hex&gt;.sig</c>), or null when it was not signed.</summary>
    public string? Signature { get; init; }
}

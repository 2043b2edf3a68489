using Nuke.CrossBuild.Images;
namespace Nuke.CrossBuild.Assembling;

/// <summary>The result of an assembly: the index digest, each platform's manifest, and the verification of what was written.</summary>
public sealed record ImageAssembly
{
    /// <summary>Gets the image index digest (what a registry will serve for the pushed tag).</summary>
    public required string IndexDigest { get; init; }

    /// <summary>Gets the epoch every time in the image was set to (Unix seconds).</summary>
    public required long Epoch { get; init; }

    /// <summary>Gets one entry per platform, in index order.</summary>
    public required IReadOnlyList<AssembledPlatform> Platforms { get; init; }

    /// <summary>Gets how many blobs were uploaded by a push (the others were in the registry already); 0 without a push.</summary>
    public int UploadedBlobs { get; init; }

    /// <summary>Gets how many blobs of a push were mounted from the base's repository on the same registry instead of uploaded.</summary>
    public int MountedBlobs { get; init; }

    /// <summary>Gets the tag of the pushed index's signature (<c>sha256-&lt;hex&gt;.sig</c>) when <see cref="ImageAssemblySettings.SignKey"/> signed it, or null.</summary>
    public string? Signature { get; init; }

    /// <summary>Gets how many layers were taken from the OCI layout this assembly replaced (made before from the same inputs, per the verdict record) instead of written again.</summary>
    public int ReusedLayers { get; init; }

    /// <summary>Gets the verification of the written image (always passed: a failed one throws).</summary>
    public required ImageVerification Verification { get; init; }
}

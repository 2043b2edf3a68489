using Nuke.CrossBuild.Oci;
namespace Nuke.CrossBuild.Images;

/// <summary>The top of an image as its source gives it: an index or a manifest, its bytes, and the digest the reference pinned.</summary>
/// <param name="MediaType">The media type the source states (a registry's Content-Type; an OCI layout's index).</param>
/// <param name="Content">The bytes, read with a size limit.</param>
public sealed record ImageRoot(string MediaType, byte[] Content)
{
    /// <summary>Gets the digest the reference pinned (<c>app@sha256:…</c>), which the content must have; null for tags and layouts.</summary>
    public OciDigest? Pin { get; init; }
}

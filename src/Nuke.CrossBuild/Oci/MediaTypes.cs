namespace Nuke.CrossBuild.Oci;

/// <summary>The manifest media types of OCI and Docker.</summary>
public static class MediaTypes
{
    /// <summary>OCI image index.</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>Docker manifest list.</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Docker image manifest (schema 2).</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>OCI image config.</summary>
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>OCI layer, gzip-compressed tar.</summary>
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>Gets whether a media type is an index (OCI index or Docker manifest list).</summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns>Whether it lists per-platform manifests.</returns>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>Gets whether a media type is a single-platform image manifest.</summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns>Whether it is a manifest.</returns>
    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;
}

using Nuke.CrossBuild.Oci;
namespace Nuke.CrossBuild.Images;

/// <summary>
/// Where an image's manifests and blobs come from: a registry, an OCI layout directory, or an OCI tar. A source only
/// fetches bytes; it vouches for nothing. <see cref="ImageVerifier"/> checks every blob against its descriptor (digest,
/// size) before using it, so a source may be fed by an attacker.
/// </summary>
public interface IImageSource : IDisposable
{
    /// <summary>Gets the name to show in messages (the reference or path).</summary>
    string Name { get; }

    /// <summary>Reads the image's top manifest (an index or a single manifest), at most the reader's manifest limit.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The root: media type, bytes, and the pinned digest if the reference had one.</returns>
    Task<ImageRoot> GetRootAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens a manifest (or nested index) that a descriptor names.</summary>
    /// <param name="descriptor">The descriptor (digest already validated by the caller).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The raw, unverified bytes; the caller disposes the stream.</returns>
    Task<Stream> OpenManifestAsync(OciDescriptor descriptor, CancellationToken cancellationToken = default);

    /// <summary>Opens a blob (config or layer) that a descriptor names.</summary>
    /// <param name="descriptor">The descriptor (digest already validated by the caller).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The raw, unverified bytes; the caller disposes the stream.</returns>
    Task<Stream> OpenBlobAsync(OciDescriptor descriptor, CancellationToken cancellationToken = default);
}

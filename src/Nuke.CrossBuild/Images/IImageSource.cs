namespace Nuke.CrossBuild.Images;

/// <summary>Where an image's manifests and blobs come from: a registry, an OCI layout directory, or an OCI tar.</summary>
public interface IImageSource : IDisposable
{
    /// <summary>Gets the name to show in messages (the reference or path).</summary>
    string Name { get; }

    /// <summary>Reads the image's top manifest (an index or a single manifest).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The media type and the raw JSON.</returns>
    Task<(string MediaType, byte[] Content)> GetRootAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a manifest (or nested index) by digest.</summary>
    /// <param name="digest">The digest.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A stream over the manifest's bytes; the caller disposes it.</returns>
    Task<Stream> OpenManifestAsync(string digest, CancellationToken cancellationToken = default);

    /// <summary>Reads a blob (config or layer) by digest.</summary>
    /// <param name="digest">The digest.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A stream over the blob's bytes; the caller disposes it.</returns>
    Task<Stream> OpenBlobAsync(string digest, CancellationToken cancellationToken = default);
}

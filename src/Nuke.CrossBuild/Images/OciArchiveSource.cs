using System.Formats.Tar;

namespace Nuke.CrossBuild.Images;

/// <summary>Reads an image from an OCI layout tarball (what <c>buildx build --output type=oci,dest=x.tar</c> writes).</summary>
public sealed class OciArchiveSource : IImageSource
{
    private readonly string extracted;
    private readonly OciLayoutSource layout;

    /// <summary>Unpacks the tarball to a temporary directory and opens it as a layout.</summary>
    /// <param name="tarPath">The tarball.</param>
    /// <exception cref="CrossBuildException">The file is not a tar of an OCI layout.</exception>
    public OciArchiveSource(string tarPath)
    {
        ArgumentNullException.ThrowIfNull(tarPath);
        extracted = Directory.CreateTempSubdirectory("crossbuild-oci-").FullName;
        try
        {
            // TarFile refuses entries that would land outside the destination.
            TarFile.ExtractToDirectory(tarPath, extracted, overwriteFiles: true);
            layout = new OciLayoutSource(extracted, tarPath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or CrossBuildException)
        {
            Directory.Delete(extracted, recursive: true);
            throw new CrossBuildException($"{tarPath} is not an OCI layout tarball: {e.Message}");
        }
    }

    /// <inheritdoc />
    public string Name => layout.Name;

    /// <inheritdoc />
    public Task<(string MediaType, byte[] Content)> GetRootAsync(CancellationToken cancellationToken = default) => layout.GetRootAsync(cancellationToken);

    /// <inheritdoc />
    public Task<Stream> OpenManifestAsync(string digest, CancellationToken cancellationToken = default) => layout.OpenManifestAsync(digest, cancellationToken);

    /// <inheritdoc />
    public Task<Stream> OpenBlobAsync(string digest, CancellationToken cancellationToken = default) => layout.OpenBlobAsync(digest, cancellationToken);

    /// <summary>Deletes the unpacked copy.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(extracted, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

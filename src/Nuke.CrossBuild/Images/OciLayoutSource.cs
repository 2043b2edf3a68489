namespace Nuke.CrossBuild.Images;

/// <summary>Reads an image from an OCI image layout directory (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/</c>).</summary>
public sealed class OciLayoutSource : IImageSource
{
    private readonly string root;

    /// <summary>Opens a layout directory.</summary>
    /// <param name="directory">The directory holding <c>index.json</c>.</param>
    /// <param name="name">The name to show, or null for the directory.</param>
    /// <exception cref="CrossBuildException">The directory is not an OCI layout.</exception>
    public OciLayoutSource(string directory, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        root = directory;
        Name = name ?? directory;
        if (!File.Exists(Path.Combine(directory, "index.json")))
        {
            throw new CrossBuildException($"{Name} is not an OCI layout: expected index.json in it");
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task<(string MediaType, byte[] Content)> GetRootAsync(CancellationToken cancellationToken = default)
    {
        var content = await File.ReadAllBytesAsync(Path.Combine(root, "index.json"), cancellationToken).ConfigureAwait(false);
        return (MediaTypes.OciIndex, content);
    }

    /// <inheritdoc />
    public Task<Stream> OpenManifestAsync(string digest, CancellationToken cancellationToken = default) => OpenBlobAsync(digest, cancellationToken);

    /// <inheritdoc />
    public Task<Stream> OpenBlobAsync(string digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var parts = digest.Split(':', 2);
        if (parts.Length != 2 || parts[1].Length == 0 || parts[1].Any(c => !char.IsAsciiHexDigitLower(c)) || parts[0].Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            throw new CrossBuildException($"{Name}: invalid digest '{digest}'");
        }

        var path = Path.Combine(root, "blobs", parts[0], parts[1]);
        return File.Exists(path)
            ? Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.SequentialScan))
            : throw new CrossBuildException($"{Name}: blob {digest} is missing from the layout");
    }

    /// <summary>Nothing to release for a directory.</summary>
    public void Dispose()
    {
    }

    internal static bool IsLayout(string path) => Directory.Exists(path) && File.Exists(Path.Combine(path, "index.json"));

}

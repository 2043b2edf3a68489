using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Oci;

namespace Nuke.CrossBuild.Images;

/// <summary>
/// Reads an image from an OCI image layout directory (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/</c>). Only regular
/// files are read, and no link is followed inside the layout (not <c>index.json</c>, not <c>blobs/</c>, not a blob), so
/// a layout cannot make crossbuild read <c>/dev/zero</c>, a FIFO, or a file outside it.
/// </summary>
public sealed class OciLayoutSource : IImageSource
{
    private readonly string root;
    private readonly long maxIndexBytes;

    /// <summary>Opens a layout directory.</summary>
    /// <param name="directory">The directory holding <c>index.json</c> (the directory itself may be reached through a link).</param>
    /// <param name="name">The name to show, or null for the directory.</param>
    /// <param name="limits">The read limits (the index is read with the manifest limit), or null for the defaults.</param>
    /// <exception cref="ImageSourceException">The directory is not an OCI layout.</exception>
    public OciLayoutSource(string directory, string? name = null, ImageReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        root = Path.GetFullPath(directory);
        Name = name ?? directory;
        maxIndexBytes = (limits ?? ImageReadLimits.Default).MaxManifestBytes;
        var kind = UnixFile.KindOf(Path.Combine(root, "index.json"));
        if (kind != FileKind.Regular)
        {
            throw new ImageSourceException($"{Name} is not an OCI layout: expected index.json to be a regular file, got {UnixFile.Describe(kind)}");
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task<ImageRoot> GetRootAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = Open("index.json", "index.json");
        return new ImageRoot(MediaTypes.OciIndex, await BoundedRead.AllAsync(stream, maxIndexBytes, $"{Name}: index.json", m => new ImageSourceException(m), cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<Stream> OpenManifestAsync(OciDescriptor descriptor, CancellationToken cancellationToken = default) => OpenBlobAsync(descriptor, cancellationToken);

    /// <inheritdoc />
    public Task<Stream> OpenBlobAsync(OciDescriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var digest = OciDigest.TryParse(descriptor.Digest, out var parsed, out var error) ? parsed : throw new ImageSourceException($"{Name}: {error}");
        foreach (var dir in new[] { "blobs", $"blobs/{digest.Algorithm}" })
        {
            var kind = UnixFile.KindOf(Path.Combine(root, dir));
            if (kind != FileKind.Directory)
            {
                throw new ImageSourceException(kind == FileKind.Missing
                    ? $"{Name}: blob {digest} is missing from the layout (no {dir}/ directory)"
                    : $"{Name}: {dir} must be a directory inside the layout, got {UnixFile.Describe(kind)}");
            }
        }

        return Task.FromResult<Stream>(Open($"blobs/{digest.Algorithm}/{digest.Encoded}", $"blob {digest}"));
    }

    /// <summary>Nothing to release for a directory.</summary>
    public void Dispose()
    {
    }

    internal static bool IsLayout(string path) => Directory.Exists(path) && UnixFile.KindOf(Path.Combine(path, "index.json")) != FileKind.Missing;

    private FileStream Open(string relative, string what)
    {
        var (stream, kind) = UnixFile.OpenRegular(Path.Combine(root, relative));
        return stream ?? throw new ImageSourceException(kind == FileKind.Missing
            ? $"{Name}: {what} is missing from the layout"
            : $"{Name}: {relative} must be a regular file inside the layout, got {UnixFile.Describe(kind)}; refusing to follow it");
    }
}

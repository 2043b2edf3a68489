using System.Formats.Tar;
using Microsoft.Win32.SafeHandles;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Streams;

namespace Nuke.CrossBuild.Images;

/// <summary>
/// Reads an image from an OCI layout tarball (what <c>buildx build --output type=oci,dest=x.tar</c> writes) in place:
/// nothing is extracted. One pass over the headers finds <c>oci-layout</c>, <c>index.json</c> and
/// <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>; only regular files are used there, and a link, device or FIFO at such a path, or a
/// path listed twice, makes the archive invalid. Other entries (a <c>manifest.json</c> from docker save) are ignored.
/// </summary>
public sealed class OciArchiveSource : IImageSource
{
    private const int MaxEntries = 1_000_000;
    private readonly SafeFileHandle handle;
    private readonly Dictionary<string, (long Offset, long Length)> files = new(StringComparer.Ordinal);
    private readonly long maxIndexBytes;

    /// <summary>Opens a tarball and indexes its entries.</summary>
    /// <param name="tarPath">The tarball (a link to one is followed; it must end at a regular file).</param>
    /// <param name="limits">The read limits, or null for the defaults.</param>
    /// <exception cref="ImageSourceException">The file is not a tar of an OCI layout.</exception>
    public OciArchiveSource(string tarPath, ImageReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(tarPath);
        Name = tarPath;
        maxIndexBytes = (limits ?? ImageReadLimits.Default).MaxManifestBytes;
        var (stream, kind) = UnixFile.OpenRegular(tarPath, followLinks: true);
        if (stream is null)
        {
            throw new ImageSourceException(kind == FileKind.Missing ? $"{tarPath}: no such file" : $"{tarPath} must be a regular file (an OCI layout tarball), got {UnixFile.Describe(kind)}");
        }

        try
        {
            Index(stream);
            handle = File.OpenHandle(tarPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or EndOfStreamException or OverflowException or NotSupportedException or InvalidOperationException or IOException)
        {
            throw new ImageSourceException($"{tarPath} is not a valid tar archive ({e.Message.Split('\n')[0].TrimEnd('.')})");
        }
        finally
        {
            stream.Dispose();
        }

        if (!files.ContainsKey("index.json"))
        {
            handle.Dispose();
            throw new ImageSourceException($"{tarPath} is not an OCI layout tarball: it has no index.json");
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task<ImageRoot> GetRootAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = Open("index.json");
        return new ImageRoot(MediaTypes.OciIndex, await BoundedRead.AllAsync(stream, maxIndexBytes, $"{Name}: index.json", m => new ImageSourceException(m), cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<Stream> OpenManifestAsync(OciDescriptor descriptor, CancellationToken cancellationToken = default) => OpenBlobAsync(descriptor, cancellationToken);

    /// <inheritdoc />
    public Task<Stream> OpenBlobAsync(OciDescriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var digest = OciDigest.TryParse(descriptor.Digest, out var parsed, out var error) ? parsed : throw new ImageSourceException($"{Name}: {error}");
        var path = $"blobs/{digest.Algorithm}/{digest.Encoded}";
        return files.ContainsKey(path) ? Task.FromResult<Stream>(Open(path)) : throw new ImageSourceException($"{Name}: blob {digest} is missing from the archive");
    }

    /// <summary>Closes the archive.</summary>
    public void Dispose() => handle.Dispose();

    private SliceStream Open(string path)
    {
        var (offset, length) = files[path];
        return new SliceStream(handle, offset, length);
    }

    private void Index(FileStream stream)
    {
        using var reader = new TarReader(new TarHeaderGuardStream(stream, leaveOpen: true));
        var count = 0;
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            if (++count > MaxEntries)
            {
                throw new InvalidDataException($"more than {MaxEntries} entries");
            }

            var name = LayerEntry.Clean(entry.Name);
            if (!IsLayoutFile(name))
            {
                continue;
            }

            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                throw new InvalidDataException($"{name} is a {entry.EntryType} entry; only regular files are read from a layout");
            }

            if (!files.TryAdd(name, (entry.DataOffset, entry.Length)))
            {
                throw new InvalidDataException($"{name} appears twice");
            }
        }
    }

    private static bool IsLayoutFile(string name)
        => name is "oci-layout" or "index.json" || (name.StartsWith("blobs/", StringComparison.Ordinal) && name.Count(c => c == '/') == 2);

    // A window of the archive read through positional reads on the shared handle (no shared file position).
    private sealed class SliceStream(SafeFileHandle handle, long offset, long length) : ForwardReadStream
    {
        private long position;

        public override int Read(Span<byte> buffer)
        {
            var n = RandomAccess.Read(handle, buffer[..(int)Math.Min(buffer.Length, length - position)], offset + position);
            position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await RandomAccess.ReadAsync(handle, buffer[..(int)Math.Min(buffer.Length, length - position)], offset + position, cancellationToken).ConfigureAwait(false);
            position += n;
            return n;
        }
    }
}

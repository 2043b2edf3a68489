using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;
namespace Nuke.CrossBuild.Assembling;

/// <summary>Writes an OCI layout directory: blobs under their digests, then <c>oci-layout</c> and <c>index.json</c>.</summary>
internal sealed class LayoutWriter
{
    private readonly string root;

    public LayoutWriter(string root)
    {
        this.root = root;
        Blobs = Path.Combine(root, "blobs", "sha256");
        Directory.CreateDirectory(Blobs);
    }

    public string Blobs { get; }

    /// <summary>
    /// Puts a finished layout where the user asked, replacing an empty directory or an OCI layout as this writer makes
    /// them (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/&lt;algorithm&gt;/&lt;files&gt;</c> and nothing else), never
    /// a directory holding anything more: a source tree with a stray <c>oci-layout</c> file stays as it is.
    /// </summary>
    public static void Replace(string work, string target)
    {
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !IsReplaceableLayout(target)))
        {
            throw new InputException($"cannot write the OCI layout to {target}: expected a new or empty directory or an OCI layout to replace (oci-layout, index.json, blobs/ and nothing else), found other files there");
        }

        var old = target.TrimEnd('/') + $".old-{Guid.NewGuid():n}";
        if (Directory.Exists(target))
        {
            Directory.Move(target, old);
        }

        Directory.Move(work, target);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }

    public async Task<OciDescriptor> WriteBlobAsync(string mediaType, byte[] content, CancellationToken cancellationToken)
    {
        var digest = OciDigest.Sha256(content);
        await File.WriteAllBytesAsync(Path.Combine(Blobs, digest.Encoded), content, cancellationToken).ConfigureAwait(false);
        return new OciDescriptor { MediaType = mediaType, Digest = digest.ToString(), Size = content.Length };
    }

    public async Task FinishAsync(OciDescriptor index, ImageReference? tag, CancellationToken cancellationToken)
    {
        await File.WriteAllBytesAsync(Path.Combine(root, "oci-layout"), OciDocuments.LayoutMarker(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.Combine(root, "index.json"), OciDocuments.LayoutIndex(index, tag), cancellationToken).ConfigureAwait(false);
    }

    // An OCI layout and nothing else: the marker and index.json as regular files, blobs/ holding only digest-algorithm
    // directories of regular files. Links are not followed (a link is "something else").
    private static bool IsReplaceableLayout(string target)
    {
        var entries = new DirectoryInfo(target).GetFileSystemInfos();
        if (entries.Any(e => e.Name is not ("oci-layout" or "index.json" or "blobs") || e.LinkTarget is not null)
            || !entries.Any(e => e.Name == "oci-layout" && e is FileInfo) || !entries.Any(e => e.Name == "index.json" && e is FileInfo))
        {
            return false;
        }

        if (entries.FirstOrDefault(e => e.Name == "blobs") is not { } blobs)
        {
            return true;
        }

        return blobs is DirectoryInfo directory && directory.GetFileSystemInfos().All(algorithm => algorithm is DirectoryInfo { LinkTarget: null } d
            && algorithm.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            && d.GetFileSystemInfos().All(f => f is FileInfo { LinkTarget: null }));
    }
}

namespace Nuke.CrossBuild.Images.Assembly;

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

    /// <summary>Puts a finished layout where the user asked, replacing an OCI layout (or an empty directory) there, never anything else.</summary>
    public static void Replace(string work, string target)
    {
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, "oci-layout"))))
        {
            throw new CrossBuildException($"cannot write the OCI layout to {target}: expected a new or empty directory or an OCI layout to replace, found other files there");
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
}

namespace Nuke.CrossBuild.Oci;

/// <summary>
/// The bounds on every read of an untrusted image. A limit that is hit is an error naming the limit, never a partial
/// result. Defaults follow containerd where it has one (4 MiB manifests).
/// </summary>
public sealed record ImageReadLimits
{
    /// <summary>Gets the default limits.</summary>
    public static ImageReadLimits Default { get; } = new();

    /// <summary>Gets the largest manifest, index or image config read, in bytes (default 4 MiB, as containerd's <c>MaxManifestSize</c>).</summary>
    public long MaxManifestBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Gets the largest binary taken out of a layer for inspection, in bytes (default 512 MiB; <c>--max-binary-size</c>).</summary>
    public long MaxBinaryBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Gets the largest layer blob as stored (compressed), in bytes (default 16 GiB).</summary>
    public long MaxLayerBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Gets the most bytes one layer may decompress to (default 32 GiB: a gzip bomb ends here, not on the disk).</summary>
    public long MaxUncompressedLayerBytes { get; init; } = 32L * 1024 * 1024 * 1024;

    /// <summary>Gets the most tar entries read over all layers of one platform image (default 2,000,000).</summary>
    public int MaxEntries { get; init; } = 2_000_000;

    /// <summary>Gets the longest path in a layer, in characters (default 4096, Linux's PATH_MAX).</summary>
    public int MaxPathLength { get; init; } = 4096;

    /// <summary>
    /// Gets the most bytes (UTF-8) of entry paths and link targets read over all layers of one platform image (default
    /// 64 MiB, about a million paths of 64 bytes): the paths are kept to model the merged file tree, and the entry and
    /// path limits alone would allow 2,000,000 × 4096 characters.
    /// </summary>
    public long MaxPathBytesTotal { get; init; } = 64L * 1024 * 1024;

    /// <summary>Gets how long connecting to a registry or token service may take (default 30 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets how long a connection may make no progress before the request fails (default 60 s): a response sending
    /// nothing (headers or body), a request body the server stops reading. It is an idle time, not a total: a slow but
    /// steady upload or download goes on. After a request body is sent, the answer may take this plus as long as the
    /// body took (the connection's buffers drain at that pace).
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how long a docker credential helper may run (default 30 s).</summary>
    public TimeSpan CredentialHelperTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

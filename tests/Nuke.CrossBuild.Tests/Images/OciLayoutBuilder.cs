using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>One entry of a synthetic layer: a file with bytes, a symlink, a hard link, or a directory.</summary>
internal sealed record LayerEntry(string Path, byte[]? Content = null, string? SymlinkTo = null, string? HardlinkTo = null, bool Directory = false)
{
    public static LayerEntry File(string path, byte[] content) => new(path, content);

    public static LayerEntry Text(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    public static LayerEntry Link(string path, string target) => new(path, SymlinkTo: target);

    public static LayerEntry HardLink(string path, string target) => new(path, HardlinkTo: target);

    public static LayerEntry Whiteout(string path) => new(System.IO.Path.GetDirectoryName(path)!.Replace('\\', '/') + "/.wh." + System.IO.Path.GetFileName(path), []);

    public static LayerEntry Opaque(string dir) => new(dir.TrimEnd('/') + "/.wh..wh..opq", []);
}

/// <summary>Writes OCI image layouts the way buildx's OCI exporter does: index.json pointing at an image index.</summary>
internal sealed class OciLayoutBuilder
{
    private readonly List<(string Platform, IReadOnlyList<IReadOnlyList<LayerEntry>> Layers, string[]? Entrypoint, string[]? Cmd, string[]? Env, string? ConfigPlatform)> images = [];
    private readonly Dictionary<string, byte[]> blobs = [];

    public bool WithAttestation { get; init; }

    public bool Gzip { get; init; } = true;

    public bool Zstd { get; init; }

    public bool SingleManifestRoot { get; init; }

    public string? WorkingDir { get; init; }

    /// <summary>Encodes a layer's tar into its blob and diff_id (default: the compression set above, diff_id = sha256 of the tar).</summary>
    public Func<byte[], (byte[] Blob, string DiffId)>? EncodeLayer { get; init; }

    /// <summary>Edits each manifest before it is stored (e.g. to point a descriptor elsewhere).</summary>
    public Action<JsonObject>? EditManifest { get; init; }

    /// <summary>Stores extra bytes under a digest of the test's choosing (wrong on purpose, or of another algorithm).</summary>
    public OciLayoutBuilder PutRaw(string digest, byte[] bytes)
    {
        blobs[digest] = bytes;
        return this;
    }

    public OciLayoutBuilder Add(string platform, IReadOnlyList<IReadOnlyList<LayerEntry>> layers, string[]? entrypoint = null, string[]? cmd = null, string[]? env = null, string? configPlatform = null)
    {
        images.Add((platform, layers, entrypoint, cmd, env, configPlatform));
        return this;
    }

    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var manifests = new JsonArray();
        foreach (var image in images)
        {
            var manifest = Manifest(image.ConfigPlatform ?? image.Platform, image.Layers, image.Entrypoint, image.Cmd, image.Env);
            manifests.Add(Descriptor("application/vnd.oci.image.manifest.v1+json", manifest, PlatformNode(image.Platform)));
            if (WithAttestation)
            {
                var attestation = Put(Encoding.UTF8.GetBytes("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":2},"layers":[]}"""));
                var node = Descriptor("application/vnd.oci.image.manifest.v1+json", attestation, PlatformNode("unknown/unknown"));
                node["annotations"] = new JsonObject { ["vnd.docker.reference.type"] = "attestation-manifest" };
                manifests.Add(node);
            }
        }

        byte[] root;
        if (SingleManifestRoot)
        {
            root = Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = new JsonArray(manifests[0]!.DeepClone()) }.ToJsonString());
        }
        else
        {
            var index = Put(Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = manifests }.ToJsonString()));
            root = Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = new JsonArray(Descriptor("application/vnd.oci.image.index.v1+json", index, null)) }.ToJsonString());
        }

        foreach (var (digest, bytes) in blobs)
        {
            var path = Path.Combine(directory, "blobs", digest.Split(':')[0], digest.Split(':')[1]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        File.WriteAllBytes(Path.Combine(directory, "index.json"), root);
        return directory;
    }

    public static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private string Manifest(string platform, IReadOnlyList<IReadOnlyList<LayerEntry>> layers, string[]? entrypoint, string[]? cmd, string[]? env)
    {
        var parts = platform.Split('/');
        var config = new JsonObject { ["os"] = parts[0], ["architecture"] = parts[1], ["config"] = new JsonObject() };
        if (parts.Length > 2)
        {
            config["variant"] = parts[2];
        }

        var inner = (JsonObject)config["config"]!;
        if (entrypoint is not null) inner["Entrypoint"] = new JsonArray([.. entrypoint.Select(e => (JsonNode?)e)]);
        if (cmd is not null) inner["Cmd"] = new JsonArray([.. cmd.Select(e => (JsonNode?)e)]);
        if (env is not null) inner["Env"] = new JsonArray([.. env.Select(e => (JsonNode?)e)]);
        if (WorkingDir is not null) inner[nameof(WorkingDir)] = WorkingDir;
        var layerNodes = new JsonArray();
        var diffIds = new JsonArray();
        foreach (var layer in layers)
        {
            var tar = Tar(layer);
            var (blob, diffId) = EncodeLayer?.Invoke(tar) ?? (Zstd ? CompressZstd(tar) : Gzip ? CompressGzip(tar) : tar, Digest(tar));
            diffIds.Add(diffId);
            var mediaType = Zstd ? "application/vnd.oci.image.layer.v1.tar+zstd" : Gzip ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar";
            layerNodes.Add(Descriptor(mediaType, Put(blob), null));
        }

        config["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds };
        var configDigest = Put(Encoding.UTF8.GetBytes(config.ToJsonString()));

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", configDigest, null),
            ["layers"] = layerNodes,
        };
        EditManifest?.Invoke(manifest);
        return Put(Encoding.UTF8.GetBytes(manifest.ToJsonString()));
    }

    public static byte[] Tar(IReadOnlyList<LayerEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var e in entries)
            {
                var name = e.Path.TrimStart('/');
                PaxTarEntry entry = e switch
                {
                    { SymlinkTo: { } link } => new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = link },
                    { HardlinkTo: { } link } => new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = link },
                    { Directory: true } => new PaxTarEntry(TarEntryType.Directory, name),
                    _ => new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(e.Content ?? []), Mode = (UnixFileMode)Convert.ToInt32("755", 8) },
                };
                writer.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] CompressZstd(byte[] tar)
    {
        using var output = new MemoryStream();
        using (var zstd = new SharpCompress.Compressors.ZStandard.CompressionStream(output, 3, 0, true))
        {
            zstd.Write(tar);
        }

        return output.ToArray();
    }

    public static byte[] CompressGzip(byte[] tar)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
        }

        return output.ToArray();
    }

    private string Put(byte[] bytes)
    {
        var digest = Digest(bytes);
        blobs[digest] = bytes;
        return digest;
    }

    private JsonObject Descriptor(string mediaType, string digest, JsonObject? platform)
    {
        var node = new JsonObject { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = blobs.TryGetValue(digest, out var bytes) ? bytes.Length : 0 };
        if (platform is not null)
        {
            node["platform"] = platform;
        }

        return node;
    }

    private static JsonObject PlatformNode(string platform)
    {
        var parts = platform.Split('/');
        var node = new JsonObject { ["architecture"] = parts[1], ["os"] = parts[0] };
        if (parts.Length > 2)
        {
            node["variant"] = parts[2];
        }

        return node;
    }
}

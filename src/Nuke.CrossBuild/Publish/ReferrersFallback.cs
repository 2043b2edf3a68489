using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Signing;

namespace Nuke.CrossBuild.Publish;

/// <summary>
/// The distribution spec's referrers tag schema, for registries that do not keep referrers themselves (no
/// <c>OCI-Subject</c> answer to a manifest PUT with a subject): the tag <c>&lt;alg&gt;-&lt;hex&gt;</c> holds an image
/// index listing the subject's referrers. Read bounded and digest-checked, merged (crossbuild's earlier entries of the
/// same kind replaced, every other entry kept byte for byte), written back, and read again until it holds what was
/// merged. There is no compare-and-swap in the distribution API: a writer that read before this write and writes after
/// it drops these entries (and this write drops one that lands between the read and the write).
/// </summary>
internal static class ReferrersFallback
{
    /// <summary>At most this many entries in a fallback index, read or written.</summary>
    public const int MaxEntries = 1024;

    private const int MaxWrites = 3;
    private static readonly HashSet<HttpStatusCode> NotFound = [HttpStatusCode.NotFound];

    /// <summary>The fallback tag of a digest: algorithm (at most 32 characters), '-', encoded part (at most 64).</summary>
    public static string Tag(string digest)
    {
        var parsed = OciDigest.Parse(digest);
        return parsed.Algorithm[..Math.Min(32, parsed.Algorithm.Length)] + "-" + parsed.Encoded[..Math.Min(64, parsed.Encoded.Length)];
    }

    /// <summary>The descriptor of a manifest the registry serves under its digest (bounded, hashed; never a header's word).</summary>
    public static async Task<OciDescriptor> SubjectAsync(RegistryClient client, string digest, long maxBytes, CancellationToken cancellationToken)
    {
        var (bytes, mediaType) = await GetAsync(client, $"manifests/{digest}", null, maxBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new RegistryException($"{client.Name}: expected the manifest {digest} to sign, got 404", client.Reference.Registry);
        var actual = OciDigest.Sha256(bytes).ToString();
        if (actual != digest || !(MediaTypes.IsIndex(mediaType) || MediaTypes.IsManifest(mediaType)))
        {
            throw new RegistryException($"{client.Name}: expected the manifest {digest}, got {mediaType} content of {actual}", client.Reference.Registry);
        }

        return new OciDescriptor { MediaType = mediaType!, Digest = digest, Size = bytes.Length };
    }

    /// <summary>Adds the artifacts (all about <paramref name="subject"/>) to the subject's fallback index; returns its tag.</summary>
    public static async Task<string> UpdateAsync(RegistryClient client, LayoutPusher pusher, string directory, string subject, IReadOnlyList<Artifact> ours, CancellationToken cancellationToken)
    {
        var tag = Tag(subject);
        for (var writes = 0; ; writes++)
        {
            var existing = await ReadAsync(client, tag, cancellationToken).ConfigureAwait(false);
            var merged = Merge(existing, ours);
            if (merged.ToJsonString() == existing.ToJsonString())
            {
                return tag; // holds what was merged (a repeated push changes nothing)
            }

            if (writes == MaxWrites)
            {
                throw new RegistryException($"{client.Name}: the referrers index {tag} was replaced by another writer {MaxWrites} times in a row; expected it to keep crossbuild's entries (the .sig/.att tags are pushed)", client.Reference.Registry);
            }

            if (merged.Count > MaxEntries)
            {
                throw new RegistryException($"{client.Name}: the referrers index {tag}: expected at most {MaxEntries} entries, got {merged.Count} after adding crossbuild's (the .sig/.att tags are pushed)", client.Reference.Registry);
            }

            var index = Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = merged }.ToJsonString());
            var hex = Convert.ToHexStringLower(SHA256.HashData(index));
            Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
            await File.WriteAllBytesAsync(Path.Combine(directory, "blobs", "sha256", hex), index, cancellationToken).ConfigureAwait(false);
            await pusher.TagAsync(new OciDescriptor { MediaType = MediaTypes.OciIndex, Digest = "sha256:" + hex, Size = index.Length }, [tag], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The entries of a fallback index with crossbuild's: an entry is replaced when it carries crossbuild's kind
    /// annotation with a kind written now, or names a manifest written now; every other entry is kept as it was.
    /// </summary>
    public static JsonArray Merge(JsonArray existing, IReadOnlyList<Artifact> ours)
    {
        var kinds = ours.Select(a => a.Referrer.Kind).ToHashSet(StringComparer.Ordinal);
        var wanted = ours.ToDictionary(a => a.ManifestDigest, Entry, StringComparer.Ordinal);
        var merged = new JsonArray();
        foreach (var entry in existing)
        {
            var digest = entry!["digest"]!.GetValue<string>();
            var kind = (entry["annotations"] as JsonObject)?[SignatureArtifacts.KindAnnotation] is JsonValue k && k.TryGetValue<string>(out var text) ? text : null;
            if (wanted.TryGetValue(digest, out var mine) && JsonNode.DeepEquals(entry, mine))
            {
                merged.Add(entry.DeepClone()); // already there, in its place
                wanted.Remove(digest);
            }
            else if (!wanted.ContainsKey(digest) && (kind is null || !kinds.Contains(kind)))
            {
                merged.Add(entry.DeepClone()); // another tool's entry (or crossbuild's of another kind), byte for byte
            }
        }

        foreach (var entry in wanted.Values)
        {
            merged.Add((JsonNode)entry);
        }

        return merged;
    }

    // A referrer's descriptor as the referrers API lists it: the manifest's media type, digest, size, artifactType and annotations.
    private static JsonObject Entry(Artifact artifact) => new()
    {
        ["mediaType"] = SignatureArtifacts.ManifestMediaType, ["digest"] = artifact.ManifestDigest, ["size"] = artifact.ManifestSize,
        ["artifactType"] = artifact.Referrer.ArtifactType, ["annotations"] = new JsonObject { [SignatureArtifacts.KindAnnotation] = artifact.Referrer.Kind },
    };

    /// <summary>
    /// The entries under a fallback tag (none when the tag is absent): at most 4 MiB, an OCI index by Content-Type and
    /// by its mediaType, the registry's Docker-Content-Digest (when sent) equal to the bytes' digest, strict JSON, at
    /// most <see cref="MaxEntries"/> entries, each with a media type, a valid digest and a size.
    /// </summary>
    public static async Task<JsonArray> ReadAsync(RegistryClient client, string tag, CancellationToken cancellationToken)
    {
        var what = $"{client.Name}: the referrers index {tag}";
        if (await GetAsync(client, $"manifests/{tag}", what, ImageReadLimits.Default.MaxManifestBytes, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return [];
        }

        if (found.MediaType != MediaTypes.OciIndex)
        {
            throw new RegistryException($"{what}: expected {MediaTypes.OciIndex}, got {found.MediaType ?? "no Content-Type"}", client.Reference.Registry);
        }

        try
        {
            using var json = OciJson.Object(found.Bytes, what);
            var root = json.RootElement;
            var entries = OciJson.Child(root, "manifests", JsonValueKind.Array);
            if (OciJson.Text(root, "mediaType") is { } declared && declared != MediaTypes.OciIndex || entries is not { } list)
            {
                throw new ContentVerificationException($"{what}: expected an OCI index with a manifests array, got mediaType {OciJson.Text(root, "mediaType")}");
            }

            if (list.GetArrayLength() > MaxEntries)
            {
                throw new ContentVerificationException($"{what}: expected at most {MaxEntries} entries, got {list.GetArrayLength()}");
            }

            var result = new JsonArray();
            foreach (var entry in list.EnumerateArray())
            {
                var digest = OciJson.Text(entry, "digest");
                if (OciJson.Text(entry, "mediaType") is null || !OciDigest.TryParse(digest, out _, out _) || OciJson.Child(entry, "size", JsonValueKind.Number) is not { } size || !size.TryGetInt64(out var n) || n < 0)
                {
                    throw new ContentVerificationException($"{what}: expected entries with a mediaType, a digest and a size, got {Shown(entry)}");
                }

                result.Add(JsonNode.Parse(entry.GetRawText()));
            }

            return result;
        }
        catch (ContentVerificationException e)
        {
            throw new RegistryException(e.Message + "; nothing was written to it (the .sig/.att tags are pushed)", client.Reference.Registry, e);
        }
    }

    private static string Shown(JsonElement entry)
    {
        var text = entry.GetRawText().ReplaceLineEndings(" ");
        return text.Length > 120 ? text[..120] + "…" : text;
    }

    // GET a manifest (null on 404), bounded; a Docker-Content-Digest the registry sends must be the bytes' own.
    private static async Task<(byte[] Bytes, string? MediaType)?> GetAsync(RegistryClient client, string path, string? what, long maxBytes, CancellationToken cancellationToken)
    {
        HttpRequestMessage Create(Uri u)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, u);
            foreach (var type in new[] { MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest })
            {
                request.Headers.Accept.ParseAdd(type);
            }

            return request;
        }

        var name = what ?? $"{client.Name}: {path}";
        using var response = await client.SendAsync(Create, path, $"repository:{client.Reference.Repository}:pull,push", NotFound, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
        {
            throw new RegistryException($"{name}: expected at most {maxBytes} bytes, got Content-Length {length}; nothing was read", client.Reference.Registry);
        }

        await using var body = await client.BodyAsync(response, path, cancellationToken).ConfigureAwait(false);
        var bytes = await Internal.BoundedRead.AllAsync(body, maxBytes, name, m => new RegistryException(m, client.Reference.Registry), cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } header && header != Digest(header, bytes))
        {
            throw new RegistryException($"{name}: the registry says {header}, expected the digest of what it served ({OciDigest.Sha256(bytes)}); not trusted", client.Reference.Registry);
        }

        return (bytes, response.Content.Headers.ContentType?.MediaType);
    }

    // The bytes' digest in the algorithm the header names (sha256 when it names another one, so it cannot match).
    private static string Digest(string header, byte[] bytes)
        => header.StartsWith("sha512:", StringComparison.Ordinal) ? "sha512:" + Convert.ToHexStringLower(SHA512.HashData(bytes)) : OciDigest.Sha256(bytes).ToString();
}

using System.Text;
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
    private const int MaxWrites = 3;

    /// <summary>The descriptor of a manifest the registry serves under its digest (bounded, hashed; never a header's word).</summary>
    public static async Task<OciDescriptor> SubjectAsync(RegistryClient client, string digest, long maxBytes, CancellationToken cancellationToken)
    {
        var (bytes, mediaType) = await ReferrersIndex.GetAsync(client, $"manifests/{digest}", null, maxBytes, push: true, cancellationToken).ConfigureAwait(false)
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
        var tag = ReferrersIndex.Tag(subject);
        for (var writes = 0; ; writes++)
        {
            var existing = await ReferrersIndex.ReadAsync(client, $"manifests/{tag}", $"{client.Name}: the referrers index {tag}", writes == 0 ? "; nothing was written to it (the .sig/.att tags are pushed)" : $" when read back after crossbuild's write (the .sig/.att tags are pushed)", push: true, cancellationToken).ConfigureAwait(false);
            var merged = Merge(existing, ours);
            if (merged.ToJsonString() == existing.ToJsonString())
            {
                return tag; // holds what was merged (a repeated push changes nothing)
            }

            if (writes == MaxWrites)
            {
                throw new RegistryException($"{client.Name}: the referrers index {tag} was replaced by another writer {MaxWrites} times in a row; expected it to keep crossbuild's entries (the .sig/.att tags are pushed)", client.Reference.Registry);
            }

            if (merged.Count > ReferrersIndex.MaxEntries)
            {
                throw new RegistryException($"{client.Name}: the referrers index {tag}: expected at most {ReferrersIndex.MaxEntries} entries, got {merged.Count} after adding crossbuild's (the .sig/.att tags are pushed)", client.Reference.Registry);
            }

            var index = Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = merged }.ToJsonString());
            var digest = SignatureArtifacts.WriteBlob(directory, index);
            await pusher.TagAsync(new OciDescriptor { MediaType = MediaTypes.OciIndex, Digest = digest, Size = index.Length }, [tag], cancellationToken).ConfigureAwait(false);
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
}

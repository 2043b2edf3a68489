using System.Text.Json.Nodes;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;

namespace Nuke.CrossBuild.Signing;

// Checks what cosign (or this project) attached to an image, against the digests the caller resolved itself: the
// index's signature under sha256-<hex>.sig, and SLSA Verification Summaries under sha256-<hex>.att or, when that tag is
// absent, as OCI 1.1 referrers (the referrers API, else the tag schema's sha256-<hex> index). Every manifest and blob
// read here is checked against its digest; only what a signature covers is believed.
internal sealed class ImageSignatureVerifier(ImageReference image, RegistryCredentials? credentials, bool insecure, VerificationKey key, ImageReadLimits limits)
{
    // cosign's own bounds (CVE-2024-29902/29903): a signature or attestation manifest holds a few small layers.
    private const int MaxLayers = 64;
    private const long MaxLayerBytes = 1 << 20, MaxTotalBytes = 16 << 20;

    private string Repository => $"{image.Registry}/{image.Repository}";

    // The index's signature: one simple-signing layer signed by the key, about exactly this digest. Returns its docker-reference.
    public async Task<string> SignatureAsync(string digest, CancellationToken cancellationToken)
    {
        var what = $"{Repository}@{digest}";
        var layers = await LayersAsync(digest, "sig", SimpleSigning.MediaType, cancellationToken).ConfigureAwait(false)
            ?? throw new SignatureException($"{what}: expected a signature under {SignatureArtifacts.Tag(digest, "sig")}, got none (not signed)");
        var mismatches = 0;
        string? problem = null;
        foreach (var (descriptor, payload) in layers)
        {
            try
            {
                if (descriptor.Annotations.TryGetValue(SimpleSigning.SignatureAnnotation, out var signature)
                    && key.Verify(payload, Signatures.FromBase64(signature, $"{what}'s signature")))
                {
                    return SimpleSigning.Check(payload, digest, $"{what}'s signature"); // signed, and about this digest
                }
            }
            catch (SignatureException e)
            {
                problem ??= e.Message; // another signer's format, or a signature about another digest: look on
            }

            mismatches++;
        }

        throw new SignatureException(problem ?? $"{what}: expected a signature by {key}, got {mismatches} that do not match (another key, or a changed payload)");
    }

    // The VSAs about a digest whose envelope the key signed; null when there are none. Each must say PASSED.
    // Required (--require-attestation): each must also be crossbuild's own verdict (verifier.id), since only that one says what was checked.
    public async Task<IReadOnlyList<JsonObject>> SummaryAsync(string digest, bool required, CancellationToken cancellationToken)
    {
        var what = $"{Repository}@{digest}'s attestation";
        var layers = await LayersAsync(digest, "att", DsseEnvelope.MediaType, cancellationToken).ConfigureAwait(false)
            ?? await ReferrerLayersAsync(digest, cancellationToken).ConfigureAwait(false);
        var summaries = layers?.Where(l => !l.Descriptor.Annotations.TryGetValue(SignatureArtifacts.PredicateTypeAnnotation, out var type) || type == VerificationSummary.PredicateType).ToList() ?? [];
        if (summaries.Count == 0)
        {
            return required ? throw new SignatureException($"{what}: expected a verification summary ({VerificationSummary.PredicateType}) under {SignatureArtifacts.Tag(digest, "att")}, got none there or as a referrer") : [];
        }

        var predicates = new List<JsonObject>();
        foreach (var (_, envelope) in summaries)
        {
            var payload = DsseEnvelope.Open(envelope, key, DsseEnvelope.InTotoPayloadType, what);
            var predicate = InTotoStatement.Read(payload, digest, VerificationSummary.PredicateType, what);
            var result = Text(predicate["verificationResult"]);
            if (result != VerificationSummary.Passed)
            {
                throw new SignatureException($"{what}: expected verificationResult {VerificationSummary.Passed}, got {SignedJson.Show(result)}");
            }

            var verifier = Text((predicate["verifier"] as JsonObject)?["id"]);
            if (required && verifier != VerificationSummary.VerifierId)
            {
                throw new SignatureException($"{what}: expected a summary by {VerificationSummary.VerifierId}, got one by {SignedJson.Show(verifier)} (--require-attestation trusts crossbuild's own verdicts only)");
            }

            predicates.Add(predicate);
        }

        return predicates;
    }

    // The layers of the manifest under sha256-<hex>.<suffix> with this media type, each blob checked against its digest; null when the tag is absent.
    private async Task<List<(OciDescriptor Descriptor, byte[] Content)>?> LayersAsync(string digest, string suffix, string mediaType, CancellationToken cancellationToken)
    {
        using var source = new RegistrySource(image with { Tag = SignatureArtifacts.Tag(digest, suffix), Digest = null }, credentials, insecure, limits: limits);
        ImageRoot root;
        try
        {
            root = await source.GetRootAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException e) when (e.StatusCode == 404) // no such tag: nothing attached
        {
            return null;
        }

        var manifest = ImageManifest.Parse(root.Content, $"{source.Name}", root.MediaType);
        return await ReadLayersAsync(source, manifest, mediaType, new Budget(), cancellationToken).ConfigureAwait(false);
    }

    // The DSSE layers of the attestation referrers of a digest (artifactType cosign's att), listed by the referrers API
    // or else the fallback tag; a referrer whose manifest names another subject is passed over. Null when there are none.
    private async Task<List<(OciDescriptor Descriptor, byte[] Content)>?> ReferrerLayersAsync(string digest, CancellationToken cancellationToken)
    {
        using var client = new RegistryClient(image with { Tag = null, Digest = digest }, credentials, insecure, limits, handler: null);
        var what = $"{Repository}: the referrers of {digest}";
        var entries = await ReferrersIndex.ReadAsync(client, $"referrers/{digest}", what, string.Empty, push: false, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            entries = await ReferrersIndex.ReadAsync(client, $"manifests/{ReferrersIndex.Tag(digest)}", $"{Repository}: the referrers index {ReferrersIndex.Tag(digest)}", string.Empty, push: false, cancellationToken).ConfigureAwait(false);
        }

        var candidates = entries.Where(e => Text(e!["artifactType"]) == SignatureArtifacts.AttestationArtifactType && Text(e!["mediaType"]) == SignatureArtifacts.ManifestMediaType)
            .Select(e => new OciDescriptor { MediaType = SignatureArtifacts.ManifestMediaType, Digest = Text(e!["digest"])!, Size = e!["size"]!.GetValue<long>() }).ToList();
        if (candidates.Count > MaxLayers)
        {
            throw new SignatureException($"{what}: expected at most {MaxLayers} attestation referrers, got {candidates.Count}");
        }

        using var source = new RegistrySource(image with { Tag = null, Digest = digest }, credentials, insecure, limits: limits);
        var budget = new Budget();
        var layers = new List<(OciDescriptor, byte[])>();
        foreach (var candidate in candidates)
        {
            await using var stream = await source.OpenManifestAsync(candidate, cancellationToken).ConfigureAwait(false);
            var content = await Internal.BoundedRead.AllAsync(stream, Math.Min(candidate.Size, limits.MaxManifestBytes), $"{what}: {candidate.Digest}", m => new SignatureException(m), cancellationToken).ConfigureAwait(false);
            if (OciDigest.Sha256(content).ToString() != candidate.Digest)
            {
                throw new SignatureException($"{what}: expected the manifest {candidate.Digest}, got content of {OciDigest.Sha256(content)}");
            }

            using var json = OciJson.Object(content, $"{what}: {candidate.Digest}");
            if (OciJson.Text(OciJson.Child(json.RootElement, "subject", System.Text.Json.JsonValueKind.Object) ?? default, "digest") != digest)
            {
                continue; // listed under this digest, about another one: not this digest's attestation
            }

            layers.AddRange(await ReadLayersAsync(source, ImageManifest.Parse(content, $"{what}: {candidate.Digest}", SignatureArtifacts.ManifestMediaType), DsseEnvelope.MediaType, budget, cancellationToken).ConfigureAwait(false));
        }

        return layers.Count == 0 ? null : layers;
    }

    // The manifest's layers of a media type, each blob checked against its digest, within the bounds of all layers read for one digest.
    private static async Task<List<(OciDescriptor Descriptor, byte[] Content)>> ReadLayersAsync(RegistrySource source, ImageManifest manifest, string mediaType, Budget budget, CancellationToken cancellationToken)
    {
        var wanted = manifest.Layers.Where(l => l.MediaType == mediaType).ToList();
        budget.Layers += wanted.Count;
        budget.Bytes += wanted.Aggregate(0L, (sum, l) => sum + Math.Clamp(l.Size, 0, MaxTotalBytes + 1));
        if (budget.Layers > MaxLayers || budget.Bytes > MaxTotalBytes || wanted.Any(l => l.Size > MaxLayerBytes))
        {
            throw new SignatureException($"{source.Name}: expected at most {MaxLayers} layers of at most {MaxLayerBytes >> 20} MiB ({MaxTotalBytes >> 20} MiB in all), got {budget.Layers} declaring {budget.Bytes} bytes");
        }

        var layers = new List<(OciDescriptor, byte[])>();
        foreach (var layer in wanted)
        {
            await using var stream = await source.OpenBlobAsync(layer, cancellationToken).ConfigureAwait(false);
            var content = await Internal.BoundedRead.AllAsync(stream, MaxLayerBytes, $"{source.Name} layer {layer.Digest}", m => new SignatureException(m), cancellationToken).ConfigureAwait(false);
            var actual = OciDigest.Sha256(content).ToString();
            if (actual != layer.Digest)
            {
                throw new SignatureException($"{source.Name} layer: expected {layer.Digest}, got content of {actual}");
            }

            layers.Add((layer, content));
        }

        return layers;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // What the layers read for one digest add up to (declared sizes), against cosign's bounds.
    private sealed class Budget
    {
        public int Layers { get; set; }

        public long Bytes { get; set; }
    }
}

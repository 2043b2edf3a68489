using System.Text.Json.Nodes;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;

namespace Nuke.CrossBuild.Signing;

// Checks what cosign (or this project) attached to an image, against the digests the caller resolved itself: the
// index's signature under sha256-<hex>.sig, and SLSA Verification Summaries under sha256-<hex>.att. Every manifest and
// blob read here is checked against its digest; only what a signature covers is believed.
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
        var layers = await LayersAsync(digest, "att", DsseEnvelope.MediaType, cancellationToken).ConfigureAwait(false);
        var summaries = layers?.Where(l => !l.Descriptor.Annotations.TryGetValue(SignatureArtifacts.PredicateTypeAnnotation, out var type) || type == VerificationSummary.PredicateType).ToList() ?? [];
        if (summaries.Count == 0)
        {
            return required ? throw new SignatureException($"{what}: expected a verification summary ({VerificationSummary.PredicateType}) under {SignatureArtifacts.Tag(digest, "att")}, got none") : [];
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
        var wanted = manifest.Layers.Where(l => l.MediaType == mediaType).ToList();
        var declared = wanted.Aggregate(0L, (sum, l) => sum + Math.Clamp(l.Size, 0, MaxTotalBytes + 1));
        if (wanted.Count > MaxLayers || declared > MaxTotalBytes || wanted.Any(l => l.Size > MaxLayerBytes))
        {
            throw new SignatureException($"{source.Name}: expected at most {MaxLayers} layers of at most {MaxLayerBytes >> 20} MiB ({MaxTotalBytes >> 20} MiB in all), got {wanted.Count} declaring {declared} bytes");
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
}

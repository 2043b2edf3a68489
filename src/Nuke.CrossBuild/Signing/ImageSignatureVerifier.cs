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
    private string Repository => $"{image.Registry}/{image.Repository}";

    // The index's signature: one simple-signing layer signed by the key, about exactly this digest. Returns its docker-reference.
    public async Task<string> SignatureAsync(string digest, CancellationToken cancellationToken)
    {
        var what = $"{Repository}@{digest}";
        var layers = await LayersAsync(digest, "sig", SimpleSigning.MediaType, cancellationToken).ConfigureAwait(false)
            ?? throw new SignatureException($"{what}: expected a signature under {SignatureArtifacts.Tag(digest, "sig")}, got none (not signed)");
        var mismatches = 0;
        foreach (var (descriptor, payload) in layers)
        {
            if (descriptor.Annotations.TryGetValue(SimpleSigning.SignatureAnnotation, out var signature)
                && key.Verify(payload, Signatures.FromBase64(signature, $"{what}'s signature")))
            {
                return SimpleSigning.Check(payload, digest, $"{what}'s signature"); // signed, and about this digest
            }

            mismatches++;
        }

        throw new SignatureException($"{what}: expected a signature by {key}, got {mismatches} that do not match (another key, or a changed payload)");
    }

    // The VSAs about a digest whose envelope the key signed; null when there are none. Each must say PASSED.
    public async Task<JsonObject?> SummaryAsync(string digest, bool required, CancellationToken cancellationToken)
    {
        var what = $"{Repository}@{digest}'s attestation";
        var layers = await LayersAsync(digest, "att", DsseEnvelope.MediaType, cancellationToken).ConfigureAwait(false);
        var summaries = layers?.Where(l => !l.Descriptor.Annotations.TryGetValue(SignatureArtifacts.PredicateTypeAnnotation, out var type) || type == VerificationSummary.PredicateType).ToList() ?? [];
        if (summaries.Count == 0)
        {
            return required ? throw new SignatureException($"{what}: expected a verification summary ({VerificationSummary.PredicateType}) under {SignatureArtifacts.Tag(digest, "att")}, got none") : null;
        }

        JsonObject? last = null;
        foreach (var (_, envelope) in summaries)
        {
            var payload = DsseEnvelope.Open(envelope, key, DsseEnvelope.InTotoPayloadType, what);
            last = InTotoStatement.Read(payload, digest, VerificationSummary.PredicateType, what);
            var result = last["verificationResult"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)last["verificationResult"] : null;
            if (result != VerificationSummary.Passed)
            {
                throw new SignatureException($"{what}: expected verificationResult {VerificationSummary.Passed}, got {SignedJson.Show(result)}");
            }
        }

        return last;
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
        catch (CrossBuildException e) when (e.Message.Contains($"manifests/{SignatureArtifacts.Tag(digest, suffix)} not found (404)", StringComparison.Ordinal))
        {
            return null;
        }

        var manifest = ImageManifest.Parse(root.Content, $"{source.Name}", root.MediaType);
        var layers = new List<(OciDescriptor, byte[])>();
        foreach (var layer in manifest.Layers.Where(l => l.MediaType == mediaType))
        {
            await using var stream = await source.OpenBlobAsync(layer, cancellationToken).ConfigureAwait(false);
            var content = await Internal.BoundedRead.AllAsync(stream, limits.MaxManifestBytes, $"{source.Name} layer {layer.Digest}", m => new SignatureException(m), cancellationToken).ConfigureAwait(false);
            var actual = OciDigest.Sha256(content).ToString();
            if (actual != layer.Digest)
            {
                throw new SignatureException($"{source.Name} layer: expected {layer.Digest}, got content of {actual}");
            }

            layers.Add((layer, content));
        }

        return layers;
    }
}

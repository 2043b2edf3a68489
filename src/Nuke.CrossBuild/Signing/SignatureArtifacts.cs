using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Oci;

namespace Nuke.CrossBuild.Signing;

// The OCI manifests cosign keeps next to an image: under the tag sha256-<hex>.sig a manifest whose layers are
// simple-signing payloads (signature in an annotation), under sha256-<hex>.att one whose layers are DSSE envelopes.
// Each manifest also names what it is about as its OCI 1.1 subject, with an artifactType (cosign's own names for its
// OCI 1.1 mode) and the annotation KindAnnotation, so the same manifest is found by cosign's tag and by the referrers
// API (or its fallback tag, see ReferrersFallback). cosign reads the tag's manifest and ignores these fields.
// Written as blobs of a directory (blobs/<alg>/<hex>) that the layout pusher sends like any other layout.
internal static class SignatureArtifacts
{
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    public const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";
    public const string PredicateTypeAnnotation = "predicateType";
    public const string SignatureArtifactType = "application/vnd.dev.cosign.artifact.sig.v1+json";
    public const string AttestationArtifactType = "application/vnd.dev.cosign.artifact.att.v1+json";

    // Marks a referrer as crossbuild's: "signature" or "attestation". Only entries so marked are ever replaced in a fallback index.
    public const string KindAnnotation = "io.github.nuke-crossbuild.referrer";

    // The tag cosign looks under for a digest's signatures (suffix "sig") or attestations ("att").
    public static string Tag(string digest, string suffix) => digest.Replace(':', '-') + "." + suffix;

    // The .sig manifest for a digest: one simple-signing layer signed by the signer.
    public static Artifact Signature(string directory, ISigner signer, string dockerReference, OciDescriptor subject)
    {
        var payload = SimpleSigning.Payload(dockerReference, subject.Digest);
        var signature = Convert.ToBase64String(signer.Sign(payload));
        var layers = new[] { (SimpleSigning.MediaType, payload, new JsonObject { [SimpleSigning.SignatureAnnotation] = signature }) };
        return Write(directory, layers, new Referrer(subject, SignatureArtifactType, "signature"), Tag(subject.Digest, "sig"));
    }

    // The .att manifest for a digest: one DSSE envelope holding an in-toto statement about it.
    public static Artifact Attestation(string directory, ISigner signer, string subjectName, OciDescriptor subject, VerificationSummary summary)
    {
        var statement = InTotoStatement.Create(subjectName, subject.Digest, VerificationSummary.PredicateType, summary.ToPredicate());
        var envelope = DsseEnvelope.Seal(signer, DsseEnvelope.InTotoPayloadType, statement);
        var annotations = new JsonObject { [SimpleSigning.SignatureAnnotation] = string.Empty, [PredicateTypeAnnotation] = VerificationSummary.PredicateType };
        return Write(directory, [(DsseEnvelope.MediaType, envelope, annotations)], new Referrer(subject, AttestationArtifactType, "attestation"), Tag(subject.Digest, "att"));
    }

    private static Artifact Write(string directory, IReadOnlyList<(string MediaType, byte[] Content, JsonObject Annotations)> layers, Referrer referrer, string tag)
    {
        var layerDigests = layers.Select(l => WriteBlob(directory, l.Content)).ToList();
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = string.Empty, ["created"] = "0001-01-01T00:00:00Z",
            ["history"] = new JsonArray(new JsonObject { ["created"] = "0001-01-01T00:00:00Z" }), ["os"] = string.Empty,
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray([.. layerDigests.Select(d => (JsonNode?)JsonValue.Create(d))]) },
            ["config"] = new JsonObject(),
        }.ToJsonString());
        var configDigest = WriteBlob(directory, config);
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2, ["mediaType"] = ManifestMediaType, ["artifactType"] = referrer.ArtifactType,
            ["config"] = Descriptor(ConfigMediaType, config.Length, configDigest, null),
            ["layers"] = new JsonArray([.. layers.Select((l, i) => (JsonNode?)Descriptor(l.MediaType, l.Content.Length, layerDigests[i], l.Annotations))]),
            ["subject"] = Descriptor(referrer.Subject.MediaType, referrer.Subject.Size, referrer.Subject.Digest, null),
            ["annotations"] = new JsonObject { [KindAnnotation] = referrer.Kind },
        }.ToJsonString());
        var blobs = layers.Select((l, i) => (l.MediaType, (long)l.Content.Length, layerDigests[i])).Prepend((ConfigMediaType, config.Length, configDigest)).ToList();
        return new Artifact(tag, WriteBlob(directory, manifest), manifest.Length, blobs, referrer);
    }

    private static JsonObject Descriptor(string mediaType, long size, string digest, JsonObject? annotations)
    {
        var json = new JsonObject { ["mediaType"] = mediaType, ["size"] = size, ["digest"] = digest };
        if (annotations is not null)
        {
            json["annotations"] = annotations;
        }

        return json;
    }

    /// <summary>Writes bytes into a layout's <c>blobs/sha256</c> under their digest; returns the digest text.</summary>
    internal static string WriteBlob(string directory, byte[] content)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        var folder = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, hex), content);
        return "sha256:" + hex;
    }
}

// One manifest to push under a tag, with the blobs it needs (media type, size, digest) and what it refers to.
internal sealed record Artifact(string Tag, string ManifestDigest, long ManifestSize, IReadOnlyList<(string MediaType, long Size, string Digest)> Blobs, Referrer Referrer);

// An OCI 1.1 referrer: the manifest's subject, its artifactType, and crossbuild's kind annotation ("signature", "attestation").
internal sealed record Referrer(OciDescriptor Subject, string ArtifactType, string Kind);

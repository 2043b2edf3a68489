using System.Text;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>DSSE envelopes, in-toto statements and simple-signing payloads: what they sign, and each check attacked first.</summary>
public sealed class EnvelopeSpecs : IDisposable
{
    private const string Digest = "sha256:dde880e95f47014503ead1a44f225fdb4ea104d3b909ed013504900630a62c28";
    private const string Other = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private readonly TempDirectory dir = new();
    private readonly SigningKey key;

    public EnvelopeSpecs() => key = TestKeys.Load(dir);

    public void Dispose()
    {
        key.Dispose();
        dir.Dispose();
    }

    [Fact]
    public void Pae_is_the_dsse_spec_encoding()
    {
        // The DSSE protocol's own example: PAE("http://example.com/HelloWorld", "hello world").
        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(DsseEnvelope.Pae("http://example.com/HelloWorld", "hello world"u8)));
    }

    [Fact]
    public void A_sealed_envelope_opens_with_its_key_and_gives_back_the_payload()
    {
        var envelope = DsseEnvelope.Seal(key, DsseEnvelope.InTotoPayloadType, "{\"a\":1}"u8.ToArray());

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(DsseEnvelope.Open(envelope, key.PublicKey, DsseEnvelope.InTotoPayloadType, "att")));
    }

    [Fact]
    public void Attack_an_envelope_signed_by_another_key_is_refused()
    {
        using var other = TestKeys.Load(dir, "other");
        var envelope = DsseEnvelope.Seal(other, DsseEnvelope.InTotoPayloadType, "{}"u8.ToArray());

        var e = Assert.Throws<SignatureException>(() => DsseEnvelope.Open(envelope, key.PublicKey, DsseEnvelope.InTotoPayloadType, "att"));

        Assert.Equal($"att: expected a signature by {key.PublicKey}, got 1 that do not match (another key, or the envelope was changed)", e.Message);
    }

    [Fact]
    public void Attack_a_tampered_payload_keeps_the_signature_but_fails()
    {
        var envelope = JsonNode.Parse(DsseEnvelope.Seal(key, DsseEnvelope.InTotoPayloadType, "{\"verificationResult\":\"FAILED\"}"u8.ToArray()))!.AsObject();
        envelope["payload"] = Convert.ToBase64String("{\"verificationResult\":\"PASSED\"}"u8.ToArray());

        var e = Assert.Throws<SignatureException>(() => DsseEnvelope.Open(Encoding.UTF8.GetBytes(envelope.ToJsonString()), key.PublicKey, DsseEnvelope.InTotoPayloadType, "att"));

        Assert.Contains("that do not match", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attack_a_changed_payload_type_is_refused_before_any_signature()
    {
        var envelope = DsseEnvelope.Seal(key, "application/vnd.other+json", "{}"u8.ToArray());

        var e = Assert.Throws<SignatureException>(() => DsseEnvelope.Open(envelope, key.PublicKey, DsseEnvelope.InTotoPayloadType, "att"));

        Assert.Equal("att: expected payloadType application/vnd.in-toto+json, got application/vnd.other+json", e.Message);
    }

    [Fact]
    public void Attack_an_envelope_with_a_name_twice_is_not_read_two_ways()
    {
        var sealedText = Encoding.UTF8.GetString(DsseEnvelope.Seal(key, DsseEnvelope.InTotoPayloadType, "{}"u8.ToArray()));
        var doubled = sealedText.Replace("{\"payloadType\"", "{\"payload\":\"e30=\",\"payloadType\"", StringComparison.Ordinal);

        var e = Assert.Throws<SignatureException>(() => DsseEnvelope.Open(Encoding.UTF8.GetBytes(doubled), key.PublicKey, DsseEnvelope.InTotoPayloadType, "att"));

        Assert.StartsWith("att: expected JSON, got invalid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_statement_about_a_digest_reads_back_its_predicate()
    {
        var payload = InTotoStatement.Create("registry/app", Digest, VerificationSummary.PredicateType, new JsonObject { ["verificationResult"] = "PASSED" });

        var predicate = InTotoStatement.Read(payload, Digest, VerificationSummary.PredicateType, "att");

        Assert.Equal("PASSED", (string?)predicate["verificationResult"]);
        Assert.Contains("\"_type\":\"https://in-toto.io/Statement/v1\"", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
    }

    [Fact]
    public void Attack_a_statement_about_another_digest_is_refused()
    {
        var payload = InTotoStatement.Create("registry/app", Other, VerificationSummary.PredicateType, []);

        var e = Assert.Throws<SignatureException>(() => InTotoStatement.Read(payload, Digest, VerificationSummary.PredicateType, "att"));

        Assert.Equal($"att: expected a statement about {Digest}, got one about {Other}", e.Message);
    }

    [Fact]
    public void Attack_a_statement_of_another_predicate_type_is_refused()
    {
        var payload = InTotoStatement.Create("registry/app", Digest, "https://slsa.dev/provenance/v1", []);

        var e = Assert.Throws<SignatureException>(() => InTotoStatement.Read(payload, Digest, VerificationSummary.PredicateType, "att"));

        Assert.Equal("att: expected predicateType https://slsa.dev/verification_summary/v1, got https://slsa.dev/provenance/v1", e.Message);
    }

    [Fact]
    public void The_simple_signing_payload_is_cosigns_byte_for_byte()
    {
        // As `cosign sign` wrote it for 127.0.0.1:5000/sign-probe/x (cosign 2.5.0, measured).
        var expected = "{\"critical\":{\"identity\":{\"docker-reference\":\"127.0.0.1:5000/sign-probe/x\"},\"image\":{\"docker-manifest-digest\":\"" + Digest
            + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}";

        Assert.Equal(expected, Encoding.UTF8.GetString(SimpleSigning.Payload("127.0.0.1:5000/sign-probe/x", Digest)));
        Assert.Equal("127.0.0.1:5000/sign-probe/x", SimpleSigning.Check(Encoding.UTF8.GetBytes(expected), Digest, "sig"));
    }

    [Fact]
    public void Attack_a_signature_of_another_digest_is_refused_as_a_moved_tag()
    {
        var payload = SimpleSigning.Payload("r/app", Other);

        var e = Assert.Throws<SignatureException>(() => SimpleSigning.Check(payload, Digest, "sig"));

        Assert.Equal($"sig: expected a signature of {Digest}, got one of {Other} (a moved tag or a copied signature)", e.Message);
    }
}

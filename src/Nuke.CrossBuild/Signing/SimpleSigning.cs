using System.Text;
using System.Text.Json.Nodes;

namespace Nuke.CrossBuild.Signing;

// cosign's "simple signing" payload (containers/image's format): what `cosign sign` signs and `cosign verify` checks.
internal static class SimpleSigning
{
    public const string MediaType = "application/vnd.dev.cosign.simplesigning.v1+json";
    public const string SignatureAnnotation = "dev.cosignproject.cosign/signature";
    public const string Type = "cosign container image signature";
    private const int MaxPayloadBytes = 64 * 1024;

    // The payload for a repository (no tag: the digest names the content) and a manifest digest, byte for byte as cosign writes it.
    public static byte[] Payload(string dockerReference, string manifestDigest)
    {
        Oci.OciDigest.Parse(manifestDigest);
        var text = "{\"critical\":{\"identity\":{\"docker-reference\":" + JsonValue.Create(dockerReference).ToJsonString() + "},"
            + "\"image\":{\"docker-manifest-digest\":" + JsonValue.Create(manifestDigest).ToJsonString() + "},"
            + "\"type\":\"" + Type + "\"},\"optional\":null}";
        return Encoding.UTF8.GetBytes(text);
    }

    // The payload must be a simple-signing payload for exactly this digest; returns its docker-reference.
    public static string Check(byte[] payload, string manifestDigest, string what)
    {
        using var document = SignedJson.Parse(payload, MaxPayloadBytes, what);
        var critical = SignedJson.Child(document.RootElement, "critical", what);
        var type = SignedJson.Text(critical, "type");
        if (type != Type)
        {
            throw new SignatureException($"{what}: expected type '{Type}', got {SignedJson.Show(type)}");
        }

        var digest = SignedJson.Text(SignedJson.Child(critical, "image", what), "docker-manifest-digest");
        if (digest != manifestDigest)
        {
            throw new SignatureException($"{what}: expected a signature of {manifestDigest}, got one of {SignedJson.Show(digest)} (a moved tag or a copied signature)");
        }

        return SignedJson.Text(SignedJson.Child(critical, "identity", what), "docker-reference") ?? string.Empty;
    }
}

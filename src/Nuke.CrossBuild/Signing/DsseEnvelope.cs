using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nuke.CrossBuild.Signing;

/// <summary>
/// DSSE envelopes (<c>https://github.com/secure-systems-lab/dsse</c>), as cosign attaches attestations: the signature is
/// over the pre-authentication encoding <c>PAE(type, payload)</c>, never over the JSON, so nothing outside the signed
/// bytes can change what they mean.
/// </summary>
public static class DsseEnvelope
{
    /// <summary>The payload type of an in-toto statement.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>The media type of an envelope stored as a layer.</summary>
    public const string MediaType = "application/vnd.dsse.envelope.v1+json";

    private const int MaxEnvelopeBytes = 4 * 1024 * 1024;

    /// <summary>The pre-authentication encoding: <c>"DSSEv1" SP len(type) SP type SP len(payload) SP payload</c>.</summary>
    /// <param name="payloadType">The payload type.</param>
    /// <param name="payload">The payload.</param>
    /// <returns>The bytes that are signed.</returns>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var head = Encoding.ASCII.GetBytes($"DSSEv1 {type.Length} ");
        var middle = Encoding.ASCII.GetBytes($" {payload.Length} ");
        return [.. head, .. type, .. middle, .. payload];
    }

    /// <summary>Signs a payload into an envelope.</summary>
    /// <param name="signer">The signer.</param>
    /// <param name="payloadType">The payload type.</param>
    /// <param name="payload">The payload.</param>
    /// <returns>The envelope's JSON (UTF-8).</returns>
    public static byte[] Seal(ISigner signer, string payloadType, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(payload);
        var signature = signer.Sign(Pae(payloadType, payload));
        var envelope = new JsonObject
        {
            ["payloadType"] = payloadType,
            ["payload"] = Convert.ToBase64String(payload),
            ["signatures"] = new JsonArray(new JsonObject { ["keyid"] = string.Empty, ["sig"] = Convert.ToBase64String(signature) }),
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    /// <summary>Opens an envelope: its type must be the expected one and one of its signatures must be the key's over PAE.</summary>
    /// <param name="envelope">The envelope's JSON.</param>
    /// <param name="key">The public key.</param>
    /// <param name="payloadType">The expected payload type.</param>
    /// <param name="what">Names the envelope in messages.</param>
    /// <returns>The verified payload (only it may be read; nothing else in the envelope is signed).</returns>
    /// <exception cref="SignatureException">Not an envelope, another type, or no signature of the key.</exception>
    public static byte[] Open(byte[] envelope, VerificationKey key, string payloadType, string what)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(key);
        using var document = SignedJson.Parse(envelope, MaxEnvelopeBytes, what);
        var root = document.RootElement;
        var type = SignedJson.Text(root, "payloadType");
        if (type != payloadType)
        {
            throw new SignatureException($"{what}: expected payloadType {payloadType}, got {SignedJson.Show(type)}");
        }

        var payload = SignedJson.Base64(root, "payload", what);
        if (!root.TryGetProperty("signatures", out var signatures) || signatures.ValueKind != JsonValueKind.Array || signatures.GetArrayLength() == 0)
        {
            throw new SignatureException($"{what}: expected a signatures array, got none");
        }

        var pae = Pae(type, payload);
        foreach (var entry in signatures.EnumerateArray())
        {
            if (SignedJson.Text(entry, "sig") is { } sig && key.Verify(pae, Signatures.FromBase64(sig, $"{what}'s signature")))
            {
                return payload;
            }
        }

        throw new SignatureException($"{what}: expected a signature by {key}, got {signatures.GetArrayLength()} that do not match (another key, or the envelope was changed)");
    }
}

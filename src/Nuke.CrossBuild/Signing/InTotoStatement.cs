using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nuke.CrossBuild.Signing;

// in-toto Statements (https://in-toto.io/Statement/v1): subjects by digest, a predicate type and the predicate.
internal static class InTotoStatement
{
    public const string TypeV1 = "https://in-toto.io/Statement/v1";
    public const string TypeV01 = "https://in-toto.io/Statement/v0.1"; // what cosign attest writes; read, never written
    private const int MaxStatementBytes = 4 * 1024 * 1024;

    public static byte[] Create(string subjectName, string digest, string predicateType, JsonObject predicate)
    {
        var (algorithm, hex) = Split(digest);
        var statement = new JsonObject
        {
            ["_type"] = TypeV1,
            ["subject"] = new JsonArray(new JsonObject { ["name"] = subjectName, ["digest"] = new JsonObject { [algorithm] = hex } }),
            ["predicateType"] = predicateType,
            ["predicate"] = predicate,
        };
        return Encoding.UTF8.GetBytes(statement.ToJsonString());
    }

    // The predicate of a statement about exactly this digest (one of its subjects) with exactly this predicate type.
    public static JsonObject Read(byte[] payload, string digest, string predicateType, string what)
    {
        using var document = SignedJson.Parse(payload, MaxStatementBytes, what);
        var root = document.RootElement;
        var type = SignedJson.Text(root, "_type");
        if (type is not (TypeV1 or TypeV01))
        {
            throw new SignatureException($"{what}: expected an in-toto statement ({TypeV1}), got _type {SignedJson.Show(type)}");
        }

        var predicateTypeFound = SignedJson.Text(root, "predicateType");
        if (predicateTypeFound != predicateType)
        {
            throw new SignatureException($"{what}: expected predicateType {predicateType}, got {SignedJson.Show(predicateTypeFound)}");
        }

        var (algorithm, hex) = Split(digest);
        var subjects = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().ToList() : [];
        var digests = subjects.Select(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("digest", out var d) ? SignedJson.Text(d, algorithm) : null).ToList();
        if (!digests.Contains(hex, StringComparer.Ordinal))
        {
            var found = digests.FirstOrDefault(d => d is not null);
            throw new SignatureException($"{what}: expected a statement about {digest}, got one about {(found is null ? "no sha256 subject" : $"{algorithm}:{SignedJson.Show(found)}")}");
        }

        return JsonNode.Parse(SignedJson.Child(root, "predicate", what).GetRawText())!.AsObject();
    }

    private static (string Algorithm, string Hex) Split(string digest)
    {
        var digestValue = Oci.OciDigest.Parse(digest);
        return (digestValue.Algorithm, digestValue.Encoded);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Signing;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary>
/// The <c>image verify --key --require-attestation --json</c> report: the shape of the plain <c>--json</c> report where
/// it applies (image, ok, problems, platforms, entries), plus what was trusted instead of re-reading the layers: the
/// signature (tag, the digest it covers, the reference it names) and each summary (subject digest, verifier, result).
/// </summary>
internal static class TrustedImageJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ToJson(SignedImage signed)
    {
        var byDigest = signed.Attestations.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var indexPolicy = byDigest.GetValueOrDefault(signed.IndexDigest)?.Select(p => (p["crossbuild"] as JsonObject)?["policy"] as JsonObject).FirstOrDefault(p => p is not null);
        return new JsonObject
        {
            ["image"] = $"{signed.Image}@{signed.IndexDigest}",
            ["ok"] = true,
            ["trusted"] = true, // the layers were not re-read: the signed summaries below stand for them
            ["problems"] = new JsonArray(),
            ["platforms"] = indexPolicy?["platforms"]?.DeepClone() ?? new JsonArray(),
            ["entries"] = new JsonArray([.. signed.PlatformDigests.Select(d => (JsonNode?)new JsonObject
            {
                ["manifest"] = d,
                ["ok"] = true,
                ["attestations"] = Summaries(byDigest.GetValueOrDefault(d) ?? []),
            })]),
            ["signature"] = new JsonObject
            {
                ["tag"] = SignatureArtifacts.Tag(signed.IndexDigest, "sig"),
                ["digest"] = signed.IndexDigest,
                ["dockerReference"] = signed.SignedReference,
            },
            ["attestations"] = new JsonArray([.. signed.Attestations.SelectMany(a => a.Value.Select(p => (JsonNode?)Summary(a.Key, p)))]),
        }.ToJsonString(Indented);
    }

    private static JsonArray Summaries(IReadOnlyList<JsonObject> predicates) => new([.. predicates.Select(p => (JsonNode?)Summary(null, p))]);

    private static JsonObject Summary(string? subject, JsonObject predicate)
    {
        var summary = new JsonObject();
        if (subject is not null)
        {
            summary["subject"] = subject;
            summary["tag"] = SignatureArtifacts.Tag(subject, "att");
        }

        summary["verifier"] = (predicate["verifier"] as JsonObject)?["id"]?.DeepClone();
        summary["timeVerified"] = predicate["timeVerified"]?.DeepClone();
        summary["result"] = predicate["verificationResult"]?.DeepClone();
        return summary;
    }
}

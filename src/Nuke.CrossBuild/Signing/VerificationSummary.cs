using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Images;

namespace Nuke.CrossBuild.Signing;

// A SLSA Verification Summary (https://slsa.dev/verification_summary/v1) of what this project verified about one
// resource (an index or one platform's manifest), its own verdicts under "crossbuild".
internal sealed record VerificationSummary(string ResourceUri, DateTimeOffset TimeVerified, VerificationPolicy Policy, IReadOnlyList<PlatformVerdict> Platforms)
{
    public const string PredicateType = "https://slsa.dev/verification_summary/v1";
    public const string VerifierId = "urn:nuke-crossbuild:verifier";
    public const string Passed = "PASSED", Failed = "FAILED";
    public const string PlatformLevel = "CROSSBUILD_PLATFORM_VERIFIED", StaticLevel = "CROSSBUILD_STATIC";

    public bool Ok => Platforms.Count > 0 && Platforms.All(p => p.Passed);

    public static VerificationSummary ForIndex(ImageVerification image, string resourceUri, VerificationPolicy policy, DateTimeOffset time)
        => new(resourceUri, time, policy, [.. image.Entries.Select(Verdict)]);

    // One summary per platform manifest, keyed by the manifest's digest.
    public static IEnumerable<(string Digest, VerificationSummary Summary)> ForPlatforms(ImageVerification image, string repository, VerificationPolicy policy, DateTimeOffset time)
        => image.Entries.Select(e => (e.ManifestDigest, new VerificationSummary($"{repository}@{e.ManifestDigest}", time, policy, [Verdict(e)])));

    public JsonObject ToPredicate()
    {
        var levels = new JsonArray();
        if (Ok)
        {
            levels.Add((JsonNode)JsonValue.Create(PlatformLevel));
            if (Policy.RequireStatic)
            {
                levels.Add((JsonNode)JsonValue.Create(StaticLevel));
            }
        }

        return new JsonObject
        {
            ["verifier"] = new JsonObject { ["id"] = VerifierId, ["version"] = new JsonObject { ["Nuke.CrossBuild"] = Internal.PackageVersion.Current } },
            ["timeVerified"] = TimeVerified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["resourceUri"] = ResourceUri,
            ["policy"] = new JsonObject { ["uri"] = VerificationPolicy.Uri, ["digest"] = new JsonObject { ["sha256"] = Policy.Sha256() } },
            ["verificationResult"] = Ok ? Passed : Failed,
            ["verifiedLevels"] = levels,
            ["crossbuild"] = new JsonObject
            {
                ["policy"] = Policy.ToJson(),
                ["platforms"] = new JsonArray([.. Platforms.Select(p => (JsonNode?)p.ToJson())]),
            },
        };
    }

    private static PlatformVerdict Verdict(ImagePlatformVerification entry)
        => new(entry.Platform?.ToString() ?? "unknown", entry.ManifestDigest, entry.Path, entry.Binary, entry.Problems);
}

// What was required: the platforms, static linking and the binary's path; its SHA-256 (over its JSON) is the VSA's policy digest.
internal sealed record VerificationPolicy(IReadOnlyList<string> Platforms, bool RequireStatic, string? Path)
{
    public const string Uri = "urn:nuke-crossbuild:policy:image-verify";

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["platforms"] = new JsonArray([.. Platforms.Select(p => (JsonNode?)JsonValue.Create(p))]), ["static"] = RequireStatic };
        if (Path is not null)
        {
            json["path"] = Path;
        }

        return json;
    }

    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson().ToJsonString())));
}

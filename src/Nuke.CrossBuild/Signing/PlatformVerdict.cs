using System.Text.Json.Nodes;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Signing;

// One platform's verdicts as a VSA carries them: what the binary's headers said, what was required, and the outcome.
internal sealed record PlatformVerdict(string Platform, string? ManifestDigest, string? Binary, BinaryVerification? Verification, IReadOnlyList<string> Problems)
{
    // The smoke run's outcome (e.g. "passed under QEMU_CPU=arm1176"), or null when none ran.
    public string? Smoke { get; init; }

    // A platform without a program (a base image) passes on its layers alone; one with a program needs its binary's verdict.
    public bool Passed => Problems.Count == 0 && (Verification is { Ok: true } || (Verification is null && Binary is null));

    public JsonObject ToJson()
    {
        var report = Verification?.Report;
        var json = new JsonObject
        {
            ["platform"] = Platform,
            ["verificationResult"] = Passed ? VerificationSummary.Passed : VerificationSummary.Failed,
        };
        Add(json, "manifestDigest", ManifestDigest);
        Add(json, "binary", Binary);
        if (report is not null)
        {
            Add(json, "format", report.Identity is null ? null : BinaryIdentity.FormatName(report.Identity.Format));
            Add(json, "os", report.Os);
            Add(json, "machine", report.MachineName);
            json["armLevel"] = report.ArmLevel;
            Add(json, "armFloatAbi", report.ArmFloatAbi);
            json["static"] = report.IsStatic;
            json["staticRequired"] = Verification!.RequireStatic;
            json["go"] = Go(report.Go);
        }

        json["smoke"] = Smoke ?? "not run";
        json["problems"] = new JsonArray([.. Problems.Select(p => (JsonNode?)JsonValue.Create(p))]);
        return json;
    }

    private static JsonObject? Go(GoBuildInfo? go)
    {
        if (go is null)
        {
            return null;
        }

        var json = new JsonObject { ["version"] = go.GoVersion };
        Add(json, "path", go.Path);
        foreach (var key in new[] { "GOOS", "GOARCH", "GOARM", "GOAMD64", "CGO_ENABLED" })
        {
            Add(json, key, go.Setting(key));
        }

        return json;
    }

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>
/// A Go binary's verification and smoke-run verdicts in a <see cref="VerdictRecord"/>, keyed by the binary's SHA-256 and
/// the policy it passed under: a changed binary (one byte) or another platform, static requirement or smoke arguments
/// never finds an old pass.
/// </summary>
internal static class GoBinaryVerdicts
{
    /// <summary>The checks a binary passes under, as one JSON object (no value can pose as another field).</summary>
    public static string Policy(GoBuildSettings settings, Platform platform) => new JsonObject
    {
        ["check"] = "go-binary", ["platform"] = platform.ToString(), ["verify"] = settings.Verify, ["static"] = settings.Static,
        ["smoke"] = settings.SmokeArguments is { } args ? new JsonArray([.. args.Select(a => (JsonNode?)a)]) : null,
    }.ToJsonString();

    /// <summary>The binary's digest as the record keys it (<c>sha256:</c> and 64 lowercase hex digits).</summary>
    public static string Digest(string path) => Oci.OciDigest.Sha256File(path).ToString();

    /// <summary>The recorded pass of this binary under this policy, as the result it was judged to be; or null.</summary>
    public static GoBuildResult? Read(VerdictRecord record, string subject, string policy, GoBuildResult result)
    {
        if (record.Read(subject, policy) is not { } verdict)
        {
            return null;
        }

        try
        {
            return result with
            {
                Static = verdict["static"]?.GetValue<bool>(),
                Verified = verdict["verified"]?.GetValue<bool>(),
                SmokeOutput = verdict["smokeOutput"]?.GetValue<string>(),
                SmokeHow = verdict["smokeHow"]?.GetValue<string>(),
                Recorded = true,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null; // an entry this build cannot read back is no verdict: judge again
        }
    }

    /// <summary>Records a pass (a failure is judged every time), only when the file still has the digest it was judged under.</summary>
    public static void Write(VerdictRecord record, string path, string subject, string policy, GoBuildResult result)
    {
        if (!result.Succeeded || result.Recorded || result.Verified == false || Digest(path) != subject)
        {
            return;
        }

        record.Write(subject, policy, new JsonObject
        {
            ["static"] = result.Static, ["verified"] = result.Verified, ["smokeOutput"] = result.SmokeOutput, ["smokeHow"] = result.SmokeHow,
        });
    }
}

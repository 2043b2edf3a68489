using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Images;

/// <summary>
/// Platform image verdicts in a <see cref="VerdictRecord"/>, keyed by the platform manifest's digest (which names its
/// config's and every layer's digest: a changed blob is another manifest). A base image's pass (no program asked for,
/// none found: its config and every layer read against their digests) is recorded under a check of its own, so it never
/// stands in for an image that must run a program.
/// </summary>
internal static class PlatformVerdicts
{
    /// <summary>
    /// The checks a platform manifest passes under, as one JSON object (no value can pose as another field): what the index
    /// says of it (platform, media type, size — a reading checks them), where it was read (a layout's pass is not a
    /// registry's), the program asked for, whether one is required (a base's pass is another check) and whether it must be static.
    /// </summary>
    public static string Policy(OciDescriptor entry, string source, string? path, bool programRequired, bool requireStatic) => new JsonObject
    {
        ["check"] = programRequired ? "image-platform" : "image-platform-base", ["platform"] = entry.PlatformText, ["mediaType"] = entry.MediaType, ["size"] = entry.Size,
        ["source"] = source, ["path"] = path, ["static"] = requireStatic,
    }.ToJsonString();

    /// <summary>The recorded pass of this manifest under these checks, or null.</summary>
    public static ImagePlatformVerification? Read(VerdictRecord record, OciDescriptor entry, string source, string? path, bool programRequired, bool requireStatic)
    {
        var platform = entry.Platform!;
        if (record.Read(entry.Digest, Policy(entry, source, path, programRequired, requireStatic)) is not { } verdict)
        {
            return null;
        }

        try
        {
            if (!programRequired && verdict["base"] is JsonValue isBase && isBase.TryGetValue<bool>(out var baseOnly) && baseOnly)
            {
                return new ImagePlatformVerification(platform, entry.Digest, null, null, []) { Size = verdict["size"]?.GetValue<long>() ?? 0, Recorded = true };
            }

            var report = verdict["report"].Deserialize(VerdictJsonContext.Default.BinaryReport);
            var found = verdict["path"]?.GetValue<string>();
            var size = verdict["size"]?.GetValue<long>() ?? 0;
            return report is null || found is null ? null
                : new ImagePlatformVerification(platform, entry.Digest, found, new BinaryVerification(report, platform, requireStatic, []), []) { Size = size, Recorded = true };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null; // an entry this build cannot read back is no verdict: judge again
        }
    }

    /// <summary>Records a pass with a checked binary, or a base's pass when no program was required (a failure is judged every time).</summary>
    public static void Write(VerdictRecord record, OciDescriptor entry, string source, ImagePlatformVerification result, string? path, bool programRequired, bool requireStatic)
    {
        if (!result.Ok || result.Recorded || result.Platform is null)
        {
            return;
        }

        var policy = Policy(entry, source, path, programRequired, requireStatic);
        if (result.Binary is null || result.Path is null)
        {
            if (!programRequired && result.Binary is null && result.Path is null)
            {
                record.Write(entry.Digest, policy, new JsonObject { ["base"] = true, ["size"] = result.Size });
            }

            return;
        }

        var verdict = new JsonObject { ["path"] = result.Path, ["size"] = result.Size, ["report"] = JsonSerializer.SerializeToNode(result.Binary.Report, VerdictJsonContext.Default.BinaryReport) };
        record.Write(entry.Digest, policy, verdict);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Images;

/// <summary>Platform image verdicts in a <see cref="VerdictRecord"/>, keyed by the platform manifest's digest.</summary>
internal static class PlatformVerdicts
{
    /// <summary>
    /// The checks a platform manifest passes under, as one JSON object (no value can pose as another field): what the index
    /// says of it (platform, media type, size — a reading checks them), where it was read (a layout's pass is not a
    /// registry's), the program asked for and whether it must be static.
    /// </summary>
    public static string Policy(OciDescriptor entry, string source, string? path, bool requireStatic) => new JsonObject
    {
        ["check"] = "image-platform", ["platform"] = entry.PlatformText, ["mediaType"] = entry.MediaType, ["size"] = entry.Size,
        ["source"] = source, ["path"] = path, ["static"] = requireStatic,
    }.ToJsonString();

    /// <summary>The recorded pass of this manifest under these checks, or null.</summary>
    public static ImagePlatformVerification? Read(VerdictRecord record, OciDescriptor entry, string source, string? path, bool requireStatic)
    {
        var platform = entry.Platform!;
        if (record.Read(entry.Digest, Policy(entry, source, path, requireStatic)) is not { } verdict)
        {
            return null;
        }

        try
        {
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

    /// <summary>Records a pass with a checked binary (a failure, or a base image without a program, is judged every time).</summary>
    public static void Write(VerdictRecord record, OciDescriptor entry, string source, ImagePlatformVerification result, string? path, bool requireStatic)
    {
        if (!result.Ok || result.Recorded || result.Binary is null || result.Path is null || result.Platform is null)
        {
            return;
        }

        var verdict = new JsonObject { ["path"] = result.Path, ["size"] = result.Size, ["report"] = JsonSerializer.SerializeToNode(result.Binary.Report, VerdictJsonContext.Default.BinaryReport) };
        record.Write(entry.Digest, Policy(entry, source, path, requireStatic), verdict);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Images;

/// <summary>Platform image verdicts in a <see cref="VerdictRecord"/>, keyed by the platform manifest's digest.</summary>
internal static class PlatformVerdicts
{
    /// <summary>The checks a platform manifest passes under: the index's platform, the program asked for, static or not.</summary>
    public static string Policy(Platform platform, string? path, bool requireStatic)
        => $"image-platform\nplatform={platform}\npath={path ?? "(entrypoint or command)"}\nstatic={requireStatic}";

    /// <summary>The recorded pass of this manifest under these checks, or null.</summary>
    public static ImagePlatformVerification? Read(VerdictRecord record, OciDescriptor entry, string? path, bool requireStatic)
    {
        var platform = entry.Platform!;
        if (record.Read(entry.Digest, Policy(platform, path, requireStatic)) is not { } verdict)
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
    public static void Write(VerdictRecord record, ImagePlatformVerification result, string? path, bool requireStatic)
    {
        if (!result.Ok || result.Recorded || result.Binary is null || result.Path is null || result.Platform is null)
        {
            return;
        }

        var verdict = new JsonObject { ["path"] = result.Path, ["size"] = result.Size, ["report"] = JsonSerializer.SerializeToNode(result.Binary.Report, VerdictJsonContext.Default.BinaryReport) };
        record.Write(result.ManifestDigest, Policy(result.Platform, path, requireStatic), verdict);
    }
}

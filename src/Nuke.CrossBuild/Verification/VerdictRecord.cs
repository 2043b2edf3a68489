using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Verification;

/// <summary>
/// A content-addressed record of passing verdicts, so a warm build does not verify or run again what it already
/// verified and ran. An entry is found only by the subject's digest, the policy it was judged under (platform, checks,
/// smoke arguments) and the verifier's own build (its module version id): a changed binary, a changed policy or a
/// rebuilt verifier never finds an old verdict. Only passes are recorded; a failure is judged again every time.
/// </summary>
/// <remarks>Whoever can write the directory can make a build skip its checks, as with any build cache: keep it in the
/// build's own output (for example <c>artifacts/verdicts</c>), never in a directory others write.</remarks>
public sealed partial class VerdictRecord
{
    private const int MaxBytes = 1 << 20;

    /// <summary>Initializes a record kept in a directory (created on the first write).</summary>
    /// <param name="directory">The directory.</param>
    public VerdictRecord(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>Gets the directory the record is kept in.</summary>
    public string Directory { get; }

    /// <summary>Gets the verifier's identity every entry is keyed by: this assembly's version and module version id.</summary>
    public static string VerifierId { get; } =
        $"{typeof(VerdictRecord).Assembly.GetName().Version}+{typeof(VerdictRecord).Assembly.ManifestModule.ModuleVersionId:n}";

    /// <summary>Reads the verdict recorded for a subject under a policy.</summary>
    /// <param name="subject">The subject's digest (<c>sha256:</c> and 64 lowercase hex digits).</param>
    /// <param name="policy">What the subject was judged against.</param>
    /// <returns>The recorded verdict, or null when there is none (or the entry is unreadable, oversized or for something else).</returns>
    public JsonObject? Read(string subject, string policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!IsDigest(subject))
        {
            return null;
        }

        try
        {
            var file = new FileInfo(PathOf(subject, policy));
            if (!file.Exists || file.LinkTarget is not null || file.Length > MaxBytes)
            {
                return null;
            }

            var entry = JsonNode.Parse(File.ReadAllBytes(file.FullName)) as JsonObject;
            return entry is not null && Text(entry, "subject") == subject && Text(entry, "policy") == policy && Text(entry, "verifier") == VerifierId
                && entry["verdict"] is JsonObject verdict ? (JsonObject)verdict.DeepClone() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Records a passing verdict (replacing an older one for the same subject and policy).</summary>
    /// <param name="subject">The subject's digest (<c>sha256:</c> and 64 lowercase hex digits).</param>
    /// <param name="policy">What the subject was judged against.</param>
    /// <param name="verdict">The verdict's facts, as the caller reads them back.</param>
    /// <returns>Whether it was written (false for a subject that is not a digest, or a directory that cannot be written).</returns>
    public bool Write(string subject, string policy, JsonObject verdict)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(verdict);
        if (!IsDigest(subject))
        {
            return false;
        }

        var entry = new JsonObject { ["subject"] = subject, ["policy"] = policy, ["verifier"] = VerifierId, ["verdict"] = verdict.DeepClone() };
        var bytes = Encoding.UTF8.GetBytes(entry.ToJsonString());
        if (bytes.Length > MaxBytes)
        {
            return false;
        }

        var path = PathOf(subject, policy);
        var temporary = $"{path}.{Guid.NewGuid():n}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true); // readers see the old entry or the new one, never half of one
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return false;
        }
    }

    /// <summary>The entry's file: named by the SHA-256 of subject, policy and verifier, so nothing the caller passes reaches the path.</summary>
    internal string PathOf(string subject, string policy)
        => Path.Combine(Directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{subject}\n{policy}\n{VerifierId}"))) + ".json");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: a *.tmp file is never read as an entry.
        }
    }

    private static bool IsDigest(string? subject) => subject is not null && Digest().IsMatch(subject);

    private static string? Text(JsonObject entry, string name) => entry[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Digest();
}

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
/// rebuilt verifier never finds an old verdict. Only passes are recorded; a failure is judged again every time. Every entry
/// carries an HMAC-SHA256 under a secret key (<c>CROSSBUILD_VERDICT_KEY</c>, else a per-user key created once with
/// owner-only permissions): everything else in an entry is public, so an entry without the key's MAC (planted in the
/// directory, or restored from another trust domain's CI cache) is no verdict.
/// </summary>
/// <remarks>Whoever holds the key (or can write the directory of a build that runs with it) can make a build skip its
/// checks: give <c>CROSSBUILD_VERDICT_KEY</c> only to the runs whose caches may vouch for each other, never to untrusted
/// pull requests. Without a key (no variable and no writable per-user data directory) nothing is read or recorded.</remarks>
public sealed partial class VerdictRecord
{
    private const int MaxBytes = 1 << 20;

    private readonly byte[]? key;

    /// <summary>Initializes a record kept in a directory (created on the first write), signed with this process's key.</summary>
    /// <param name="directory">The directory.</param>
    public VerdictRecord(string directory)
        : this(directory, VerdictKey.Default)
    {
    }

    /// <summary>Initializes a record signed with a given key (null: no record at all).</summary>
    internal VerdictRecord(string directory, byte[]? key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        this.key = key is { Length: > 0 } ? [.. key] : null;
    }

    /// <summary>Gets the directory the record is kept in.</summary>
    public string Directory { get; }

    /// <summary>Gets the verifier's identity every entry is keyed by: this assembly's version and module version id.</summary>
    public static string VerifierId { get; } =
        $"{typeof(VerdictRecord).Assembly.GetName().Version}+{typeof(VerdictRecord).Assembly.ManifestModule.ModuleVersionId:n}";

    /// <summary>Reads the verdict recorded for a subject under a policy.</summary>
    /// <param name="subject">The subject's digest (<c>sha256:</c> and 64 lowercase hex digits).</param>
    /// <param name="policy">What the subject was judged against.</param>
    /// <returns>The recorded verdict, or null when there is none (or the entry is unreadable, oversized, not a regular file, for something else or not signed with this record's key, or there is no key).</returns>
    public JsonObject? Read(string subject, string policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (key is null || !IsDigest(subject))
        {
            return null;
        }

        try
        {
            // Only a regular file is opened: a FIFO, socket or device (all of length 0 here) would block or never end.
            var file = new FileInfo(PathOf(subject, policy));
            if (!file.Exists || file.LinkTarget is not null || file.Length is 0 or > MaxBytes)
            {
                return null;
            }

            var entry = JsonNode.Parse(ReadBounded(file.FullName)) as JsonObject;
            return entry is not null && Text(entry, "subject") == subject && Text(entry, "policy") == policy && Text(entry, "verifier") == VerifierId
                && entry["verdict"] is JsonObject verdict && Text(entry, "mac") is { } mac && Signed(mac, Mac(subject, policy, verdict.ToJsonString()))
                ? (JsonObject)verdict.DeepClone() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Records a passing verdict (replacing an older one for the same subject and policy).</summary>
    /// <param name="subject">The subject's digest (<c>sha256:</c> and 64 lowercase hex digits).</param>
    /// <param name="policy">What the subject was judged against.</param>
    /// <param name="verdict">The verdict's facts, as the caller reads them back.</param>
    /// <returns>Whether it was written (false for a subject that is not a digest, a directory that cannot be written, or no key).</returns>
    public bool Write(string subject, string policy, JsonObject verdict)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(verdict);
        if (key is null || !IsDigest(subject))
        {
            return false;
        }

        var text = JsonNode.Parse(verdict.ToJsonString())!.ToJsonString(); // the form Read sees again
        var entry = new JsonObject
        {
            ["subject"] = subject, ["policy"] = policy, ["verifier"] = VerifierId, ["verdict"] = JsonNode.Parse(text), ["mac"] = Convert.ToHexStringLower(Mac(subject, policy, text)),
        };
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

    // One JSON array of the four texts: no field can run into the next.
    private byte[] Mac(string subject, string policy, string verdict)
        => HMACSHA256.HashData(key!, Encoding.UTF8.GetBytes(new JsonArray { (JsonNode?)subject, (JsonNode?)policy, (JsonNode?)VerifierId, (JsonNode?)verdict }.ToJsonString()));

    private static bool Signed(string mac, byte[] expected)
        => mac.Length == expected.Length * 2 && mac.All(char.IsAsciiHexDigitLower) && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(mac), expected);

    // At most MaxBytes + 1 bytes, whatever the file grew to since it was measured.
    private static byte[] ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[MaxBytes + 1];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return length > MaxBytes ? throw new IOException($"verdict entry {path}: expected at most {MaxBytes} bytes, got more") : buffer[..length];
    }

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

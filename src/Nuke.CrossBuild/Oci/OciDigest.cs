using System.Security.Cryptography;

namespace Nuke.CrossBuild.Oci;

/// <summary>
/// A content digest, <c>algorithm:encoded</c>, limited to what can be verified: <c>sha256</c> (64 lower-case hex digits)
/// and <c>sha512</c> (128). The OCI grammar allows other algorithms, but content under a digest nobody can compute is
/// content nobody checked, so it is refused (as go-digest does for unregistered algorithms).
/// </summary>
public sealed record OciDigest
{
    private OciDigest(string algorithm, string encoded) => (Algorithm, Encoded) = (algorithm, encoded);

    /// <summary>Gets the algorithm: <c>sha256</c> or <c>sha512</c>.</summary>
    public string Algorithm { get; }

    /// <summary>Gets the lower-case hex encoding of the hash.</summary>
    public string Encoded { get; }

    /// <summary>Parses a digest.</summary>
    /// <param name="text">For example <c>sha256:e3b0c442…</c>.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="ContentVerificationException">The text is not a digest this project can verify.</exception>
    public static OciDigest Parse(string? text) => TryParse(text, out var digest, out var error) ? digest : throw new ContentVerificationException(error);

    /// <summary>Parses a digest without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="digest">The digest, when valid.</param>
    /// <param name="error">Why it is not, one line.</param>
    /// <returns>Whether the text is a verifiable digest.</returns>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OciDigest? digest, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        digest = null;
        var shown = text is null ? "(none)" : text.Length > 80 ? $"'{text[..80]}…'" : $"'{text}'";
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0)
        {
            error = $"invalid digest {shown}: expected sha256:<64 hex digits> or sha512:<128 hex digits>";
            return false;
        }

        var (algorithm, encoded) = (text[..colon], text[(colon + 1)..]);
        var length = algorithm switch { "sha256" => 64, "sha512" => 128, _ => 0 };
        if (length == 0)
        {
            error = $"unsupported digest algorithm in {shown}: expected sha256 or sha512 (content under a digest that cannot be computed is not trusted)";
            return false;
        }

        if (encoded.Length != length || !encoded.All(char.IsAsciiHexDigitLower))
        {
            error = $"invalid digest {shown}: expected {algorithm}:<{length} lower-case hex digits>";
            return false;
        }

        (digest, error) = (new OciDigest(algorithm, encoded), null);
        return true;
    }

    /// <summary>Computes the SHA-256 digest of bytes.</summary>
    /// <param name="content">The bytes.</param>
    /// <returns>The digest.</returns>
    public static OciDigest Sha256(ReadOnlySpan<byte> content) => new("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>Computes the SHA-256 digest of a file's content, read in one pass.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The digest.</returns>
    internal static OciDigest Sha256File(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return new("sha256", Convert.ToHexStringLower(SHA256.HashData(file)));
    }

    /// <summary>Computes a digest of bytes with this digest's algorithm.</summary>
    /// <param name="content">The bytes.</param>
    /// <returns>The digest of <paramref name="content"/>.</returns>
    public OciDigest Of(ReadOnlySpan<byte> content) => Algorithm == "sha512" ? new("sha512", Convert.ToHexStringLower(SHA512.HashData(content))) : Sha256(content);

    /// <summary>Returns <c>algorithm:encoded</c>.</summary>
    /// <returns>The digest text.</returns>
    public override string ToString() => $"{Algorithm}:{Encoded}";

    /// <summary>Returns a short form for messages (<c>sha256:0123456789ab</c>).</summary>
    /// <returns>The algorithm and the first 12 hex digits.</returns>
    public string ToShortString() => $"{Algorithm}:{Encoded[..12]}";

    internal IncrementalHash CreateHash() => IncrementalHash.CreateHash(Algorithm == "sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

    internal OciDigest WithHash(byte[] hash) => new(Algorithm, Convert.ToHexStringLower(hash));
}

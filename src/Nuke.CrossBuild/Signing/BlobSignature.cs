namespace Nuke.CrossBuild.Signing;

/// <summary>Signatures of files in cosign's <c>sign-blob</c> form: the base64 of the DER ECDSA signature over the SHA-256 of the file.</summary>
public static class BlobSignature
{
    /// <summary>Signs a blob.</summary>
    /// <param name="signer">The signer.</param>
    /// <param name="blob">The file's bytes.</param>
    /// <returns>The base64 signature (what <c>cosign verify-blob --signature</c> reads).</returns>
    public static string Sign(ISigner signer, ReadOnlySpan<byte> blob)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return Convert.ToBase64String(signer.Sign(blob));
    }

    /// <summary>Checks a blob's signature.</summary>
    /// <param name="key">The public key.</param>
    /// <param name="blob">The file's bytes.</param>
    /// <param name="signature">The base64 signature (surrounding white space ignored).</param>
    /// <param name="what">Names the blob in messages.</param>
    /// <exception cref="SignatureException">The signature is not base64, or not this key's over these bytes.</exception>
    public static void Verify(VerificationKey key, ReadOnlySpan<byte> blob, string signature, string what)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(signature);
        var der = Signatures.FromBase64(signature.Trim(), $"{what}'s signature");
        if (!key.Verify(blob, der))
        {
            throw new SignatureException($"{what}: expected a signature by {key}, got one that does not match (another key, or the file changed)");
        }
    }
}

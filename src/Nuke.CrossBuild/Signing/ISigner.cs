namespace Nuke.CrossBuild.Signing;

/// <summary>
/// What signs: a key file today (<see cref="SigningKey"/>); the seam for keyless signing (a Fulcio certificate for a
/// short-lived key, the signature logged in Rekor) or a KMS key, which would implement this too and add their
/// certificate or log entry to what is pushed. Signatures are ECDSA over SHA-256 in DER form, as cosign makes them.
/// </summary>
public interface ISigner
{
    /// <summary>Gets a one-line description of the signer for logs (never key material), e.g. <c>ECDSA P-256 key SHA256:ab12…</c>.</summary>
    string Description { get; }

    /// <summary>Gets the key that checks this signer's signatures.</summary>
    VerificationKey PublicKey { get; }

    /// <summary>Signs data.</summary>
    /// <param name="data">The bytes to sign (hashed with SHA-256 by the signer).</param>
    /// <returns>The DER-encoded ECDSA signature.</returns>
    byte[] Sign(ReadOnlySpan<byte> data);
}

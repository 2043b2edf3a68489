using System.Security.Cryptography;

namespace Nuke.CrossBuild.Signing;

/// <summary>An ECDSA P-256 public key (a PEM <c>PUBLIC KEY</c>, as <c>openssl pkey -pubout</c> and cosign's <c>cosign.pub</c> write it) that checks signatures.</summary>
public sealed class VerificationKey
{
    private readonly byte[] spki;

    private VerificationKey(byte[] spki) => this.spki = spki;

    /// <summary>Gets the key's fingerprint: <c>SHA256:</c> and the base64 of the SHA-256 of its SubjectPublicKeyInfo (as <c>ssh-keygen</c> prints fingerprints).</summary>
    public string Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(spki)).TrimEnd('=');

    /// <summary>Loads a public key PEM file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The key.</returns>
    /// <exception cref="SignatureException">Not a PEM ECDSA P-256 public key.</exception>
    public static VerificationKey Load(string path) => FromPem(PemFile.Read(path, "public key"), $"public key {path}");

    /// <summary>Parses a public key PEM.</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="where">Names the key in messages.</param>
    /// <returns>The key.</returns>
    /// <exception cref="SignatureException">Not a PEM ECDSA P-256 public key.</exception>
    public static VerificationKey FromPem(string pem, string where = "public key")
    {
        ArgumentNullException.ThrowIfNull(pem);
        var (label, der) = PemFile.Block(pem, where);
        if (label != "PUBLIC KEY")
        {
            throw new SignatureException($"{where}: expected a PEM PUBLIC KEY (ECDSA P-256), got {Internal.LogText.Escape(label)}");
        }

        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(der, out _);
        }
        catch (CryptographicException)
        {
            throw new SignatureException($"{where}: expected an ECDSA P-256 public key, got another key type or a damaged key");
        }

        PemFile.RequireP256(ecdsa.ExportParameters(false), where);
        return new VerificationKey(ecdsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Checks a DER-encoded ECDSA signature over the SHA-256 of data.</summary>
    /// <param name="data">The signed bytes.</param>
    /// <param name="derSignature">The signature.</param>
    /// <returns>Whether it was made by this key's private key over exactly these bytes.</returns>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> derSignature)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(spki, out _);
        try
        {
            return ecdsa.VerifyData(data, derSignature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false; // not a DER signature at all
        }
    }

    /// <summary>Returns the key as PEM.</summary>
    /// <returns>A PEM <c>PUBLIC KEY</c> block.</returns>
    public string ToPem() => PemEncoding.WriteString("PUBLIC KEY", spki) + "\n";

    /// <inheritdoc/>
    public override string ToString() => $"ECDSA P-256 key {Fingerprint}";
}

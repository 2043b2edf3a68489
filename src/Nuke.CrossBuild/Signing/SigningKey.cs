using System.Security.Cryptography;

namespace Nuke.CrossBuild.Signing;

/// <summary>
/// An ECDSA P-256 private key from a PKCS#8 PEM file (<c>openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256</c>),
/// read from a file path only (never argv, never logged). Other curves, RSA and encrypted PEM are refused; cosign's own
/// encrypted <c>cosign.key</c> is refused too (scrypt and NaCl secretbox are not in .NET's library; decrypt it with
/// <c>cosign</c> or use a PKCS#8 key).
/// </summary>
public sealed class SigningKey : ISigner, IDisposable
{
    private readonly ECDsa ecdsa;

    private SigningKey(ECDsa ecdsa, VerificationKey publicKey) => (this.ecdsa, PublicKey) = (ecdsa, publicKey);

    /// <inheritdoc/>
    public VerificationKey PublicKey { get; }

    /// <inheritdoc/>
    public string Description => PublicKey.ToString();

    /// <summary>Loads a private key file.</summary>
    /// <param name="path">The PKCS#8 PEM file (<c>-----BEGIN PRIVATE KEY-----</c> or <c>-----BEGIN EC PRIVATE KEY-----</c>).</param>
    /// <returns>The key; dispose it when done.</returns>
    /// <exception cref="SignatureException">Not a P-256 private key in a form this project reads.</exception>
    public static SigningKey Load(string path) => FromPem(PemFile.Read(path, "signing key"), $"signing key {path}");

    /// <summary>Parses a private key PEM.</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="where">Names the key in messages (never its content).</param>
    /// <returns>The key; dispose it when done.</returns>
    /// <exception cref="SignatureException">Not a P-256 private key in a form this project reads.</exception>
    public static SigningKey FromPem(string pem, string where = "signing key")
    {
        ArgumentNullException.ThrowIfNull(pem);
        var (label, der) = PemFile.Block(pem, where);
        var ecdsa = ECDsa.Create();
        try
        {
            Import(ecdsa, label, der, where);
            PemFile.RequireP256(ecdsa.ExportParameters(false), where);
            return new SigningKey(ecdsa, VerificationKey.FromPem(PemEncoding.WriteString("PUBLIC KEY", ecdsa.ExportSubjectPublicKeyInfo()), where));
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static void Import(ECDsa ecdsa, string label, byte[] der, string where)
    {
        var refused = label switch
        {
            "PRIVATE KEY" or "EC PRIVATE KEY" => null,
            "ENCRYPTED SIGSTORE PRIVATE KEY" => "cosign's encrypted cosign.key (scrypt + secretbox, not in .NET's library; export a PKCS#8 key instead)",
            "ENCRYPTED PRIVATE KEY" => "an encrypted PKCS#8 key (decrypt it to a file only the build can read: openssl pkey -in k.pem -out plain.pem)",
            "RSA PRIVATE KEY" => "an RSA key",
            "PUBLIC KEY" => "a public key",
            _ => $"a PEM {Internal.LogText.Escape(label)}",
        };
        if (refused is not null)
        {
            throw new SignatureException($"{where}: expected an unencrypted ECDSA P-256 PKCS#8 PEM private key, got {refused}");
        }

        try
        {
            if (label == "PRIVATE KEY")
            {
                ecdsa.ImportPkcs8PrivateKey(der, out _);
            }
            else
            {
                ecdsa.ImportECPrivateKey(der, out _);
            }
        }
        catch (CryptographicException)
        {
            throw new SignatureException($"{where}: expected an ECDSA P-256 private key, got another key type (RSA, Ed25519) or a damaged key");
        }
    }

    /// <inheritdoc/>
    public byte[] Sign(ReadOnlySpan<byte> data) => ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <inheritdoc/>
    public void Dispose() => ecdsa.Dispose();

    /// <inheritdoc/>
    public override string ToString() => Description;
}

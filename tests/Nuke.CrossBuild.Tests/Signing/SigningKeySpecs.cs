using System.Security.Cryptography;
using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>Key files: only an unencrypted ECDSA P-256 private key signs; everything else is one line naming what it got, never the key.</summary>
public sealed class SigningKeySpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_pkcs8_p256_key_signs_and_its_public_key_checks_the_signature()
    {
        var (priv, pub) = TestKeys.Write(dir);
        using var key = SigningKey.Load(priv);

        var signature = key.Sign("hello"u8);

        Assert.True(VerificationKey.Load(pub).Verify("hello"u8, signature));
        Assert.False(VerificationKey.Load(pub).Verify("hellO"u8, signature));
        Assert.Equal(VerificationKey.Load(pub).Fingerprint, key.PublicKey.Fingerprint);
    }

    [Fact]
    public void An_sec1_ec_private_key_as_openssl_ecparam_writes_it_is_read_too()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = SigningKey.Load(dir.Write("ec.pem", ecdsa.ExportECPrivateKeyPem()));

        Assert.True(key.PublicKey.Verify("x"u8, ecdsa.SignData("x"u8, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
    }

    [Fact]
    public void A_p384_key_is_refused_naming_the_curve()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var path = dir.Write("p384.pem", ecdsa.ExportPkcs8PrivateKeyPem());

        var e = Assert.Throws<SignatureException>(() => SigningKey.Load(path));

        Assert.Equal($"signing key {path}: expected an ECDSA P-256 key, got curve P-384", e.Message);
    }

    [Fact]
    public void An_rsa_key_is_refused_in_one_line_without_its_content()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var path = dir.Write("rsa.pem", pem);

        var e = Assert.Throws<SignatureException>(() => SigningKey.Load(path));

        Assert.Equal($"signing key {path}: expected an ECDSA P-256 private key, got another key type (RSA, Ed25519) or a damaged key", e.Message);
        Assert.DoesNotContain(pem.Split('\n')[1], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_pkcs8_key_is_refused_with_how_to_decrypt_it()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = ecdsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        var path = dir.Write("enc.pem", pem);

        var e = Assert.Throws<SignatureException>(() => SigningKey.Load(path));

        Assert.StartsWith($"signing key {path}: expected an unencrypted ECDSA P-256 PKCS#8 PEM private key, got an encrypted PKCS#8 key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cosigns_own_encrypted_key_is_refused_saying_why()
    {
        var (priv, _) = await TestKeys.CosignPairAsync(dir);

        var e = Assert.Throws<SignatureException>(() => SigningKey.Load(priv));

        Assert.Equal($"signing key {priv}: expected an unencrypted ECDSA P-256 PKCS#8 PEM private key, got cosign's encrypted cosign.key (scrypt + secretbox, not in .NET's library; export a PKCS#8 key instead)", e.Message);
    }

    [Fact]
    public void A_public_key_where_the_private_key_belongs_and_a_file_without_pem_are_refused()
    {
        var (_, pub) = TestKeys.Write(dir);
        var junk = dir.Write("junk.pem", "not a key");

        Assert.EndsWith("got a public key", Assert.Throws<SignatureException>(() => SigningKey.Load(pub)).Message, StringComparison.Ordinal);
        Assert.Equal($"signing key {junk}: expected a PEM key (-----BEGIN …-----), got no PEM block", Assert.Throws<SignatureException>(() => SigningKey.Load(junk)).Message);
    }

    [Fact]
    public void A_directory_or_a_missing_file_is_not_a_key()
    {
        Assert.StartsWith($"signing key {dir.Path}: expected a regular PEM file, got", Assert.Throws<SignatureException>(() => SigningKey.Load(dir.Path)).Message, StringComparison.Ordinal);
        Assert.StartsWith($"public key {dir.Combine("none")}: expected a regular PEM file, got", Assert.Throws<SignatureException>(() => VerificationKey.Load(dir.Combine("none"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_p384_public_key_is_refused_for_verification()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var e = Assert.Throws<SignatureException>(() => VerificationKey.FromPem(ecdsa.ExportSubjectPublicKeyInfoPem()));

        Assert.Equal("public key: expected an ECDSA P-256 key, got curve P-384", e.Message);
    }
}

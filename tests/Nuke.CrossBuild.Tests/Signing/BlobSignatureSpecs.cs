using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>Blob signatures in cosign's sign-blob form, judged by the real cosign both ways.</summary>
public sealed class BlobSignatureSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Cosign_verify_blob_accepts_our_signature_and_refuses_it_for_a_changed_file()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var blob = dir.Write("SHA256SUMS", "abc  app.tar.gz\n");
        using (var key = SigningKey.Load(priv))
        {
            dir.Write("SHA256SUMS.sig", BlobSignature.Sign(key, File.ReadAllBytes(blob)));
        }

        var ok = await TestKeys.RunCosignAsync(dir, "verify-blob", "--key", pub, "--signature", "SHA256SUMS.sig", "--insecure-ignore-tlog", "SHA256SUMS");
        dir.Write("SHA256SUMS", "abd  app.tar.gz\n");
        var changed = await TestKeys.RunCosignAsync(dir, "verify-blob", "--key", pub, "--signature", "SHA256SUMS.sig", "--insecure-ignore-tlog", "SHA256SUMS");

        Assert.True(ok.Succeeded, ok.StdErr);
        Assert.False(changed.Succeeded);
    }

    [Fact]
    public async Task A_key_from_openssl_genpkey_signs_what_cosign_accepts()
    {
        var priv = dir.Combine("k.pem");
        var gen = await Nuke.CrossBuild.Internal.Tool.RunAsync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", priv], cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(gen.Succeeded, gen.StdErr);
        using var key = SigningKey.Load(priv);
        var pub = dir.Write("pub.pem", key.PublicKey.ToPem());
        dir.Write("blob", "x");
        dir.Write("blob.sig", BlobSignature.Sign(key, "x"u8));

        var result = await TestKeys.RunCosignAsync(dir, "verify-blob", "--key", pub, "--signature", "blob.sig", "--insecure-ignore-tlog", "blob");

        Assert.True(result.Succeeded, result.StdErr);
    }

    [Fact]
    public async Task We_accept_what_cosign_sign_blob_made_with_its_own_key()
    {
        var (priv, pub) = await TestKeys.CosignPairAsync(dir);
        var blob = dir.Write("SHA256SUMS", "abc  app.tar.gz\n");
        var sign = await TestKeys.RunCosignAsync(dir, "sign-blob", "--key", priv, "--tlog-upload=false", "--yes", "--output-signature", "SHA256SUMS.sig", "SHA256SUMS");
        Assert.True(sign.Succeeded, sign.StdErr);

        BlobSignature.Verify(VerificationKey.Load(pub), File.ReadAllBytes(blob), File.ReadAllText(dir.Combine("SHA256SUMS.sig")), "SHA256SUMS");
    }

    [Fact]
    public void Attack_a_signature_by_another_key_is_refused_in_one_line()
    {
        using var signer = TestKeys.Load(dir, "a");
        using var other = TestKeys.Load(dir, "b");
        var signature = BlobSignature.Sign(signer, "x"u8);

        var e = Assert.Throws<SignatureException>(() => BlobSignature.Verify(other.PublicKey, "x"u8, signature, "SHA256SUMS"));

        Assert.Equal($"SHA256SUMS: expected a signature by {other.PublicKey}, got one that does not match (another key, or the file changed)", e.Message);
    }

    [Fact]
    public void Attack_a_signature_that_is_not_base64_is_one_line_not_a_crash()
    {
        using var key = TestKeys.Load(dir);

        var e = Assert.Throws<SignatureException>(() => BlobSignature.Verify(key.PublicKey, "x"u8, "not base64!", "SHA256SUMS"));

        Assert.Equal("SHA256SUMS's signature: expected base64 of an ECDSA signature, got text that does not decode", e.Message);
    }
}

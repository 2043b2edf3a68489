using Nuke.CrossBuild.Publish.Releases;
using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Tests.Images.Assembly;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Signing;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>A signed release: SHA256SUMS.sig as cosign verify-blob checks it, on a loopback GitHub; the key is checked before any work.</summary>
public sealed class ReleaseSigningSpecs : IDisposable
{
    private const string Token = "ghs_releaseToken0123456789abcdef";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private async Task<ReleaseSettings> SettingsAsync(LoopbackGitHub github)
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Combine("src"));
        return new ReleaseSettings().SetRelease("acme/shop", "v1.2.3").SetPlatforms([.. AssemblyInputs.Platforms.Select(p => p.ToString())]).SetBinaries(AssemblyInputs.Pattern)
            .SetSourceDirectory(source).SetEpoch(1_700_000_000).SetApiUrl(github.Server.Address);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_signed_release_carries_a_sums_signature_that_cosign_verify_blob_accepts_and_notes_that_say_how()
    {
        var (priv, pub) = TestKeys.Write(dir);
        await using var github = await LoopbackGitHub.StartAsync(Token);

        await GitHubReleaseTasks.PublishAsync((await SettingsAsync(github)).SetSignKey(priv), Token, cancellationToken: TestContext.Current.CancellationToken);

        var release = Assert.Single(github.Releases);
        Assert.Equal([ReleaseAssets.SumsSignatureName, ReleaseAssets.SumsName], release.Assets.TakeLast(2).Select(a => a.Name)); // the sums still go up last
        var judge = dir.Combine("judge");
        Directory.CreateDirectory(judge);
        File.WriteAllBytes(Path.Combine(judge, "SHA256SUMS"), release.Assets[^1].Content);
        File.WriteAllBytes(Path.Combine(judge, "SHA256SUMS.sig"), release.Assets[^2].Content);
        var cosign = await TestKeys.RunCosignAsync(dir, "verify-blob", "--key", pub, "--signature", Path.Combine(judge, "SHA256SUMS.sig"), "--insecure-ignore-tlog", Path.Combine(judge, "SHA256SUMS"));
        Assert.True(cosign.Succeeded, cosign.StdErr);
        Assert.Contains("cosign verify-blob --key pub.pem --signature SHA256SUMS.sig --insecure-ignore-tlog SHA256SUMS", release.Body, StringComparison.Ordinal);
        BlobSignature.Verify(VerificationKey.Load(pub), release.Assets[^1].Content, System.Text.Encoding.UTF8.GetString(release.Assets[^2].Content), "SHA256SUMS");
    }

    [Fact(Timeout = 300_000)]
    public async Task An_unsigned_release_has_no_signature_asset_and_no_notes()
    {
        await using var github = await LoopbackGitHub.StartAsync(Token);

        await GitHubReleaseTasks.PublishAsync(await SettingsAsync(github), Token, cancellationToken: TestContext.Current.CancellationToken);

        var release = Assert.Single(github.Releases);
        Assert.DoesNotContain(release.Assets, a => a.Name == ReleaseAssets.SumsSignatureName);
        Assert.Null(release.Body);
    }

    [Fact(Timeout = 300_000)]
    public async Task An_rsa_sign_key_stops_the_release_before_any_request_without_printing_the_key()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var key = dir.Write("rsa.pem", pem);
        await using var github = await LoopbackGitHub.StartAsync(Token);
        var settings = (await SettingsAsync(github)).SetSignKey(key);

        var e = await Assert.ThrowsAsync<SignatureException>(() => GitHubReleaseTasks.PublishAsync(settings, Token, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"signing key {key}: expected an ECDSA P-256 private key, got another key type (RSA, Ed25519) or a damaged key", e.Message);
        Assert.Empty(github.Server.Requests);
    }
}

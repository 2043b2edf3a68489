using System.Text.Json;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Images.Assembly;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>A signed push (image assemble --push --sign-key) judged by the real cosign against the local registry.</summary>
[Collection(ProcessTemp.Name)]
public sealed class ImageSigningSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    internal static async Task<(ImageAssembly Image, string Repository)> PushSignedAsync(TempDirectory dir, string? privateKey, string? repository = null, string tag = "1", long epoch = 0)
    {
        await Requires.EngineAsync(); // the local registry comes with the engine's provisioning
        var source = Directory.Exists(dir.Combine("src")) ? dir.Combine("src") : await AssemblyInputs.CopyToAsync(dir.Combine("src"));
        repository ??= $"{Requires.Registry}/crossbuild-signing/{Guid.NewGuid():N}";
        var settings = new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(epoch).EnablePush($"{repository}:{tag}")
            .SetPlatforms([.. AssemblyInputs.Platforms.Select(p => p.ToString())]).EnableStatic();
        var image = await ImageAssemblyTasks.AssembleAsync(privateKey is null ? settings : settings.SetSignKey(privateKey), TestContext.Current.CancellationToken);
        return (image, repository);
    }

    [Fact(Timeout = 300_000)]
    public async Task Cosign_verify_accepts_the_signature_and_the_verification_summaries_of_the_index_and_each_platform()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var (image, repository) = await PushSignedAsync(dir, priv);

        var verify = await TestKeys.RunCosignAsync(dir, "verify", "--key", pub, "--insecure-ignore-tlog", "--allow-insecure-registry", $"{repository}@{image.IndexDigest}");
        Assert.True(verify.Succeeded, verify.StdErr);
        Assert.Contains($"\"docker-manifest-digest\":\"{image.IndexDigest}\"", verify.StdOut, StringComparison.Ordinal);
        foreach (var digest in image.Verification.Entries.Select(e => e.ManifestDigest).Prepend(image.IndexDigest))
        {
            var attest = await TestKeys.RunCosignAsync(dir, "verify-attestation", "--key", pub, "--insecure-ignore-tlog", "--allow-insecure-registry",
                "--type", "https://slsa.dev/verification_summary/v1", $"{repository}@{digest}");
            Assert.True(attest.Succeeded, $"{digest}: {attest.StdErr}");
            using var envelope = JsonDocument.Parse(attest.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
            var statement = JsonDocument.Parse(Convert.FromBase64String(envelope.RootElement.GetProperty("payload").GetString()!)).RootElement;
            Assert.Equal("PASSED", statement.GetProperty("predicate").GetProperty("verificationResult").GetString());
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task Cosign_refuses_the_signature_for_another_key()
    {
        var (priv, _) = TestKeys.Write(dir);
        var (_, otherPub) = TestKeys.Write(dir, "other");
        var (image, repository) = await PushSignedAsync(dir, priv);

        var verify = await TestKeys.RunCosignAsync(dir, "verify", "--key", otherPub, "--insecure-ignore-tlog", "--allow-insecure-registry", $"{repository}@{image.IndexDigest}");

        Assert.False(verify.Succeeded);
    }

    [Fact]
    public async Task A_sign_key_without_a_push_is_one_line_before_any_work()
    {
        var (priv, _) = TestKeys.Write(dir);
        var source = await AssemblyInputs.CopyToAsync(dir.Combine("src"));

        var e = await Assert.ThrowsAsync<SettingsException>(() => ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetOciLayout(dir.Combine("out"))
                .SetPlatforms([.. AssemblyInputs.Platforms.Select(p => p.ToString())]).SetSignKey(priv), TestContext.Current.CancellationToken));

        Assert.Equal("--sign-key signs what is pushed: expected --push with a target, got no push", e.Message);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }
}

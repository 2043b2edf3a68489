using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>
/// What no signing path may do, checked without an engine: build or merge anything with a key that cannot sign, sign a
/// by-digest push, or sign with a verification of anything but exactly the pinned digest.
/// </summary>
public sealed class SignKeyGuardSpecs : IDisposable
{
    private const string Digest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Image_build_with_a_key_that_cannot_sign_fails_with_one_line_before_the_plan()
    {
        var bad = dir.Write("bad.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

        var build = await CrossbuildAsync(["image", "build", RepoPaths.Sample("01-cross-compile"), "--platforms", "linux/amd64", "--push", "-t", "127.0.0.1:1/never:1", "--sign-key", bad]);

        Assert.Equal(1, build.ExitCode);
        Assert.Single(build.StdErr.Trim().Split('\n'));
        Assert.Contains(bad, build.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("plan:", build.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_build_refuses_a_key_with_a_by_digest_push_naming_image_merge()
    {
        var (priv, _) = TestKeys.Write(dir);

        var build = await CrossbuildAsync(["image", "build", RepoPaths.Sample("01-cross-compile"), "--platforms", "linux/amd64", "--push-by-digest", "127.0.0.1:1/never", "--sign-key", priv]);

        Assert.Equal(2, build.ExitCode);
        Assert.Equal("crossbuild: --sign-key signs a whole image: a --push-by-digest push is one platform of a split build; sign the index with 'image merge --sign-key'", build.StdErr.Trim());
    }

    [Fact]
    public async Task The_pipeline_refuses_a_key_without_a_push_and_a_bad_key_before_any_build_work()
    {
        var (priv, _) = TestKeys.Write(dir);
        var bad = dir.Write("bad.pem", "not a key");
        var layoutOnly = new ImagePipelineSettings { Context = dir.Combine("no-context"), OciLayout = dir.Combine("oci") }.SetSignKey(priv);
        var badKey = new ImagePipelineSettings { Context = dir.Combine("no-context"), Push = true }.SetSignKey(bad);

        var noPush = await Assert.ThrowsAsync<SettingsException>(() => ImagePipelineTasks.RunAsync(layoutOnly, cancellationToken: TestContext.Current.CancellationToken));
        var unreadable = await Assert.ThrowsAsync<SignatureException>(() => ImageBakeTasks.RunAsync(new ImageBakeSettings().AddImage("app", badKey), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("--sign-key signs what is pushed: expected --push, got no push", noPush.Message);
        Assert.Contains(bad, unreadable.Message, StringComparison.Ordinal); // not the missing Dockerfile: the key was checked first
        Assert.False(Directory.Exists(dir.Combine("oci")));
    }

    [Fact]
    public async Task Image_merge_with_a_key_that_cannot_sign_fails_before_imagetools_runs()
    {
        var bad = dir.Write("bad.pem", "not a key");

        var merge = await CrossbuildAsync(["image", "merge", "127.0.0.1:1/never", "--digest", Digest, "-t", "127.0.0.1:1/never:1", "--sign-key", bad]);

        Assert.Equal(1, merge.ExitCode);
        Assert.Single(merge.StdErr.Trim().Split('\n'));
        Assert.Contains(bad, merge.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("imagetools", merge.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:1/app:1", "127.0.0.1:1/app:1")] // a tag: it could have moved since it was verified
    [InlineData("127.0.0.1:1/app@" + Digest, "127.0.0.1:1/app:1")] // the digest, but the verification read the tag
    [InlineData("127.0.0.1:1/app@" + Digest, "127.0.0.1:1/app@sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("127.0.0.1:1/app@" + Digest, "127.0.0.1:1/other@" + Digest)]
    public async Task Signing_refuses_anything_but_a_passed_verification_of_exactly_the_pinned_digest(string target, string verified)
    {
        var (priv, _) = TestKeys.Write(dir);
        var verification = new ImageVerification { Image = verified, Platforms = ["linux/amd64"], Problems = [] };
        var policy = PushedImageSigner.Policy([Nuke.CrossBuild.Platforms.Platform.LinuxAmd64], requireStatic: true, null);

        // Port 1 on loopback: had anything reached the registry client, this would be a registry error, not the refusal.
        var e = await Assert.ThrowsAsync<SignatureException>(() => PushedImageSigner.SignAsync(ImageReference.Parse(target), verification, policy, priv, insecure: false, TestContext.Current.CancellationToken));

        Assert.EndsWith("nothing was signed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_refuses_a_verification_that_did_not_pass()
    {
        var (priv, _) = TestKeys.Write(dir);
        var pinned = ImageReference.Parse("127.0.0.1:1/app@" + Digest);
        var failed = new ImageVerification { Image = pinned.ToString(), Platforms = ["linux/amd64"], Problems = ["linux/amd64: not static"] };

        var e = await Assert.ThrowsAsync<SignatureException>(() => PushedImageSigner.SignAsync(pinned, failed, PushedImageSigner.Policy([], false, null), priv, insecure: false, TestContext.Current.CancellationToken));

        Assert.Contains("expected a verified image to sign, got 1 problems; nothing was signed", e.Message, StringComparison.Ordinal);
    }

    private static Task<ToolResult> CrossbuildAsync(string[] args) =>
        Tool.RunAsync("dotnet", [RepoPaths.CliDll, .. args], new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = null, ["GITHUB_OUTPUT"] = null }, cancellationToken: TestContext.Current.CancellationToken);
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>
/// <c>image build --push --sign-key</c>, <c>image bake --push --sign-key</c> and <c>image merge --sign-key</c> on the real engine and registry (samples/01,
/// two platforms), judged by the real cosign; a verification that fails leaves no signature behind.
/// </summary>
public sealed partial class SignedBuildEngineSpecs : IDisposable
{
    private static readonly string[] Platforms = ["linux/amd64", "linux/arm64"];
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 1_200_000)]
    public async Task Image_build_push_signs_exactly_the_digest_buildx_reported_and_cosign_accepts_it()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var repository = await RepositoryAsync("build");

        var build = await BuildAsync(["--push", "-t", $"{repository}:1", "--sign-key", priv, "--digest-file", dir.Combine("digest")]);

        Assert.True(build.ExitCode == 0, build.StdOut + build.StdErr);
        var digest = File.ReadAllText(dir.Combine("digest")).Trim();
        Assert.Contains($"signed: {repository}:1@{digest} (signature tag {RegistryEdit.Tag(digest, "sig")};", build.StdOut, StringComparison.Ordinal);
        await AssertCosignAcceptsAsync(pub, repository, digest);
    }

    [Fact(Timeout = 1_200_000)]
    public async Task Image_build_push_that_fails_verification_is_pushed_but_never_signed()
    {
        var (priv, _) = TestKeys.Write(dir);
        var repository = await RepositoryAsync("build-fails");

        var build = await BuildAsync(["--push", "-t", $"{repository}:1", "--sign-key", priv, "--path", "/no/such/binary"]);

        Assert.True(build.ExitCode == 1, build.StdOut + build.StdErr);
        var tags = await TagsAsync(repository);
        Assert.Contains("1", tags);
        Assert.DoesNotContain(tags, t => t.EndsWith(".sig", StringComparison.Ordinal) || t.EndsWith(".att", StringComparison.Ordinal));
    }

    [Fact(Timeout = 1_200_000)]
    public async Task Image_merge_signs_the_index_it_verified_and_a_failed_merge_signs_nothing()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var repository = await RepositoryAsync("merge");
        foreach (var platform in Platforms)
        {
            var push = await BuildAsync(["--push-by-digest", repository, "--digest-file", dir.Combine("digests", platform.Replace('/', '_'))], platform);
            Assert.True(push.ExitCode == 0, push.StdOut + push.StdErr);
        }

        var wrong = await CrossbuildAsync(["image", "merge", repository, "--digests-dir", dir.Combine("digests"), "-t", $"{repository}:wrong", "--platforms", "linux/amd64,linux/arm64,linux/riscv64", "--sign-key", priv]);

        Assert.True(wrong.ExitCode == 1, wrong.StdOut + wrong.StdErr);
        Assert.DoesNotContain(await TagsAsync(repository), t => t.EndsWith(".sig", StringComparison.Ordinal) || t.EndsWith(".att", StringComparison.Ordinal));

        var merge = await CrossbuildAsync(["image", "merge", repository, "--digests-dir", dir.Combine("digests"), "-t", $"{repository}:2", "--platforms", string.Join(',', Platforms), "--static", "--sign-key", priv]);

        Assert.True(merge.ExitCode == 0, merge.StdOut + merge.StdErr);
        var digest = IndexDigest().Match(merge.StdOut).Groups[1].Value;
        Assert.Contains($"; signed: {RegistryEdit.Tag(digest, "sig")}", merge.StdOut, StringComparison.Ordinal);
        await AssertCosignAcceptsAsync(pub, repository, digest);
    }

    [Fact(Timeout = 1_200_000)]
    public async Task The_bake_signs_each_pushed_image_after_its_verification_and_reports_the_signature()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var repository = await RepositoryAsync("bake");
        var image = new ImagePipelineSettings { Context = RepoPaths.Sample("01-cross-compile"), Repository = repository, Tag = "1", RequireStatic = true, Pull = true }
            .SetPlatforms(Platforms).AddBuildArg("GO_IMAGE", $"{Requires.Registry}/crossbuild/golang:1.23").AddBuildArg("RUNTIME_IMAGE", $"{Requires.Registry}/crossbuild/static:12")
            .EnablePush().SetSignKey(priv);

        var bake = await ImageBakeTasks.RunAsync(new ImageBakeSettings().AddImage("app", image), cancellationToken: TestContext.Current.CancellationToken);

        var result = Assert.Single(bake.Images).Value;
        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(RegistryEdit.Tag(result.Digest!, "sig"), result.Signature);
        Assert.All(PublishReport.Rows("app", result), r => Assert.Equal((true, result.Signature), (r.Pushed, r.Signature)));
        await AssertCosignAcceptsAsync(pub, repository, result.Digest!);
    }

    [Fact(Timeout = 1_200_000)]
    public async Task Image_bake_push_with_a_sign_key_signs_the_digest_bake_reported_and_cosign_accepts_it()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var repository = await RepositoryAsync("bake-cli");

        var bake = await CrossbuildAsync(["image", "bake", "--push", "--sign-key", priv, "--platforms", "linux/amd64", "--static", "--pull",
            "--build-arg", $"GO_IMAGE={Requires.Registry}/crossbuild/golang:1.23", "--build-arg", $"RUNTIME_IMAGE={Requires.Registry}/crossbuild/static:12",
            "--image", $"name=app,file={Path.Combine(RepoPaths.Sample("01-cross-compile"), "Dockerfile")},tag={repository}:1"]);

        Assert.True(bake.ExitCode == 0, bake.StdOut + bake.StdErr);
        var signed = BakeSigned().Match(bake.StdOut);
        Assert.True(signed.Success, bake.StdOut);
        var digest = signed.Groups[1].Value;
        Assert.Equal(RegistryEdit.Tag(digest, "sig"), signed.Groups[2].Value);
        await AssertCosignAcceptsAsync(pub, repository, digest);
    }

    private async Task AssertCosignAcceptsAsync(string pub, string repository, string digest)
    {
        var verify = await TestKeys.RunCosignAsync(dir, "verify", "--key", pub, "--insecure-ignore-tlog", "--allow-insecure-registry", $"{repository}@{digest}");
        Assert.True(verify.Succeeded, verify.StdErr);
        Assert.Contains($"\"docker-manifest-digest\":\"{digest}\"", verify.StdOut, StringComparison.Ordinal);
        var attest = await TestKeys.RunCosignAsync(dir, "verify-attestation", "--key", pub, "--insecure-ignore-tlog", "--allow-insecure-registry",
            "--type", "https://slsa.dev/verification_summary/v1", $"{repository}@{digest}");
        Assert.True(attest.Succeeded, attest.StdErr);
        using var envelope = JsonDocument.Parse(attest.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        var statement = JsonDocument.Parse(Convert.FromBase64String(envelope.RootElement.GetProperty("payload").GetString()!)).RootElement;
        Assert.Equal("PASSED", statement.GetProperty("predicate").GetProperty("verificationResult").GetString());
        Assert.Equal(digest[7..], statement.GetProperty("subject")[0].GetProperty("digest").GetProperty("sha256").GetString());
    }

    private static async Task<string> RepositoryAsync(string what)
    {
        await Requires.BaseImagesAsync();
        return $"{Requires.Registry}/crossbuild-signed-{what}/{Guid.NewGuid():n}";
    }

    private static Task<ToolResult> BuildAsync(string[] args, string? platforms = null) => CrossbuildAsync(
        ["image", "build", RepoPaths.Sample("01-cross-compile"), "--platforms", platforms ?? string.Join(',', Platforms), "--static", "--pull",
            "--build-arg", $"GO_IMAGE={Requires.Registry}/crossbuild/golang:1.23", "--build-arg", $"RUNTIME_IMAGE={Requires.Registry}/crossbuild/static:12", .. args]);

    private static Task<ToolResult> CrossbuildAsync(string[] args) =>
        Tool.RunAsync("dotnet", [RepoPaths.CliDll, .. args], new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = null, ["GITHUB_OUTPUT"] = null }, cancellationToken: TestContext.Current.CancellationToken);

    // The registry's tag list of a repository (none when it holds nothing).
    internal static async Task<IReadOnlyList<string>> TagsAsync(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri($"http://{repository[..slash]}/v2/{repository[(slash + 1)..]}/tags/list"), TestContext.Current.CancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array ? [.. tags.EnumerateArray().Select(t => t.GetString()!)] : [];
    }

    [GeneratedRegex(@"index: \S+@(sha256:[0-9a-f]{64})")]
    private static partial Regex IndexDigest();

    [GeneratedRegex(@"^app: \S+@(sha256:[0-9a-f]{64}); signed: (\S+) ", RegexOptions.Multiline)]
    private static partial Regex BakeSigned();
}

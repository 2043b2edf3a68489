using System.Text.Json;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Tests.GitHub;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>
/// The commands the generated split workflow runs, on the real engine and registry: one <c>image build --push-by-digest</c>
/// per platform, then <c>image merge --github-metadata</c> as a release-tag run would, tagging and verifying the index.
/// </summary>
public sealed class SplitCliEngineSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 1_200_000)]
    public async Task Per_platform_digest_pushes_merge_into_a_tagged_annotated_verified_index()
    {
        await Requires.BaseImagesAsync();
        var repository = $"{Requires.Registry}/split-cli/{Guid.NewGuid():n}";
        var env = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/tags/v2.3.4", ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
            ["GITHUB_REPOSITORY"] = "acme/shop", ["GITHUB_OUTPUT"] = dir.Combine("output"), ["GITHUB_EVENT_PATH"] = null,
        };
        string[] platforms = ["linux/amd64", "linux/arm64", "linux/arm/v7"];

        foreach (var platform in platforms)
        {
            var build = await GitHubCommandSpecs.CrossbuildAsync(
                ["image", "build", RepoPaths.Sample("01-cross-compile"), "--platforms", platform, "--static", "--pull", "--push-by-digest", repository, "--digest-file", dir.Combine("digests", platform.Replace('/', '_')),
                    "--build-arg", $"GO_IMAGE={Requires.Registry}/crossbuild/golang:1.23", "--build-arg", $"RUNTIME_IMAGE={Requires.Registry}/crossbuild/static:12"], env);
            Assert.True(build.ExitCode == 0, build.StdOut + build.StdErr);
        }

        var merge = await GitHubCommandSpecs.CrossbuildAsync(
            ["image", "merge", repository, "--digests-dir", dir.Combine("digests"), "--platforms", string.Join(',', platforms), "--static", "--github-metadata", "--tag-rule", "type=semver,pattern={{version}}", "--tag-rule", "type=semver,pattern={{major}}.{{minor}}"], env);

        Assert.True(merge.ExitCode == 0, merge.StdOut + merge.StdErr);
        Assert.Equal(3, Directory.GetFiles(dir.Combine("digests")).Length);
        Assert.Contains($"tags: {repository}:2.3.4, {repository}:2.3, {repository}:latest", merge.StdOut, StringComparison.Ordinal);
        foreach (var tag in new[] { "2.3.4", "2.3", "latest" })
        {
            using var source = await ImageSources.OpenAsync($"{repository}:{tag}", cancellationToken: TestContext.Current.CancellationToken);
            var verification = await ImageVerifier.VerifyAsync(source, [.. platforms.Select(Nuke.CrossBuild.Platforms.Platform.Parse)], requireStatic: true, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(verification.Ok, string.Join('\n', verification.Problems));
            var (_, content) = await source.GetRootAsync(TestContext.Current.CancellationToken);
            using var index = JsonDocument.Parse(content);
            Assert.Equal("2.3.4", index.RootElement.GetProperty("annotations").GetProperty("org.opencontainers.image.version").GetString());
            Assert.Equal("0123456789abcdef0123456789abcdef01234567", index.RootElement.GetProperty("annotations").GetProperty("org.opencontainers.image.revision").GetString());
        }

        Assert.Matches(@"digest=sha256:[0-9a-f]{64}\n", File.ReadAllText(dir.Combine("output")));
    }
}

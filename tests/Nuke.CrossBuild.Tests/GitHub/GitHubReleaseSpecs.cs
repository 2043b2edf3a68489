using System.Formats.Tar;
using System.IO.Compression;
using Nuke.CrossBuild.GitHub;
using Nuke.CrossBuild.Publish.Releases;
using Nuke.CrossBuild.Tests.Images.Assembly;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>Releases of the verified binaries through Octokit, against a loopback GitHub that keeps its releases and assets.</summary>
public sealed class GitHubReleaseSpecs : IDisposable
{
    private const string Token = "ghs_releaseToken0123456789abcdef";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static readonly string[] Archives = ["hello_1.2.3_linux_amd64.tar.gz", "hello_1.2.3_linux_arm64.tar.gz", "hello_1.2.3_linux_arm_v7.tar.gz"];

    private async Task<string> SourceAsync()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Combine("src"));
        dir.Write("src/README.md", "# hello\n");
        dir.Write("src/LICENSE", "MIT\n");
        return source;
    }

    private static ReleaseSettings Settings(string source, LoopbackGitHub github) => new ReleaseSettings()
        .SetRelease("acme/shop", "v1.2.3").SetPlatforms([.. AssemblyInputs.Platforms.Select(p => p.ToString())]).SetBinaries(AssemblyInputs.Pattern)
        .SetSourceDirectory(source).SetEpoch(1_700_000_000).SetApiUrl(github.Server.Address);

    [Fact(Timeout = 300_000)]
    public async Task A_first_release_uploads_every_archive_the_report_and_sums_last_then_publishes()
    {
        var source = await SourceAsync();
        await using var github = await LoopbackGitHub.StartAsync(Token);

        var result = await GitHubReleaseTasks.PublishAsync(Settings(source, github), Token, cancellationToken: TestContext.Current.CancellationToken);

        var release = Assert.Single(github.Releases);
        Assert.Equal(("v1.2.3", false, 5), (release.Tag, release.Draft, release.PublishedAfterUploads)); // published after all five assets
        Assert.Equal([.. Archives, "hello_1.2.3_verification.json", "SHA256SUMS"], release.Assets.Select(a => a.Name));
        Assert.Equal("https://github.example.com/acme/shop/releases/tag/v1.2.3", result.Url);
        var sums = ReleaseAssets.ParseSums(System.Text.Encoding.UTF8.GetString(release.Assets[^1].Content));
        Assert.All(release.Assets.SkipLast(1), a => Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(a.Content)), sums[a.Name]));
        var entries = TarEntries(release.Assets[1].Content);
        Assert.Equal(["LICENSE", "README.md", "hello"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal((1_700_000_000L, 0, string.Empty), (e.ModificationTime.ToUnixTimeSeconds(), e.Uid, ((PosixTarEntry)e).UserName)));
        Assert.Equal((UnixFileMode)0b111_101_101, entries[2].Mode);
        Assert.DoesNotContain(github.Server.Requests, r => r.PathAndQuery.StartsWith("/downloads/", StringComparison.Ordinal) && r.Authorization.Length > 0);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_rerun_replaces_only_what_changed_and_never_duplicates()
    {
        var source = await SourceAsync();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        await GitHubReleaseTasks.PublishAsync(Settings(source, github), Token, cancellationToken: TestContext.Current.CancellationToken);
        var unchanged = await GitHubReleaseTasks.PublishAsync(Settings(source, github), Token, cancellationToken: TestContext.Current.CancellationToken);

        // One byte of arm64's binary, in a string the program never reads: still a valid arm64 binary.
        var arm64 = Path.Combine(source, "bin", "linux_arm64", "hello");
        var bytes = await File.ReadAllBytesAsync(arm64, TestContext.Current.CancellationToken);
        var at = bytes.AsSpan().IndexOf("hello from"u8);
        bytes[at] = (byte)'H';
        await File.WriteAllBytesAsync(arm64, bytes, TestContext.Current.CancellationToken);
        var changed = await GitHubReleaseTasks.PublishAsync(Settings(source, github), Token, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(unchanged.Uploaded);
        Assert.Equal(["hello_1.2.3_linux_arm64.tar.gz", "hello_1.2.3_verification.json", "SHA256SUMS"], changed.Uploaded);
        Assert.Equal(["hello_1.2.3_linux_amd64.tar.gz", "hello_1.2.3_linux_arm_v7.tar.gz"], changed.Kept);
        var release = Assert.Single(github.Releases);
        Assert.Equal(5, release.Assets.Count);
        Assert.Equal(5, release.Assets.Select(a => a.Name).Distinct().Count());
    }

    [Fact(Timeout = 300_000)]
    public async Task A_wrong_binary_stops_the_release_before_any_request()
    {
        var source = await SourceAsync();
        File.Copy(Path.Combine(source, "bin", "linux_amd64", "hello"), Path.Combine(source, "bin", "linux_arm64", "hello"), overwrite: true);
        await using var github = await LoopbackGitHub.StartAsync(Token);

        var error = await Assert.ThrowsAsync<VerificationException>(() => GitHubReleaseTasks.PublishAsync(Settings(source, github), Token, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("linux/arm64", error.Message, StringComparison.Ordinal);
        Assert.Empty(github.Server.Requests);
    }

    [Fact(Timeout = 300_000)]
    public async Task An_api_error_mid_upload_leaves_a_draft_and_the_rerun_finishes_it()
    {
        var source = await SourceAsync();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        github.FailUpload = 2;

        var error = await Assert.ThrowsAsync<GitHubException>(() => GitHubReleaseTasks.PublishAsync(Settings(source, github), Token, cancellationToken: TestContext.Current.CancellationToken));
        var draft = github.Releases.Single().Draft;
        var rerun = await GitHubReleaseTasks.PublishAsync(Settings(source, github), Token, cancellationToken: TestContext.Current.CancellationToken);

        Assert.EndsWith("answered 500: Server Error; the release stays a draft: run again to finish", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.True(draft);
        Assert.False(rerun.Draft);
        Assert.Equal(5, github.Releases.Single().Assets.Count);
    }

    [Fact(Timeout = 300_000)]
    public async Task An_unknown_repository_or_a_bad_token_is_one_line_and_nothing_is_created()
    {
        var source = await SourceAsync();
        await using var github = await LoopbackGitHub.StartAsync(Token);

        var unknown = await Assert.ThrowsAsync<GitHubException>(() => GitHubReleaseTasks.PublishAsync(Settings(source, github) with { Repository = "acme/nothing" }, Token, cancellationToken: TestContext.Current.CancellationToken));
        var refused = await Assert.ThrowsAsync<GitHubException>(() => GitHubReleaseTasks.PublishAsync(Settings(source, github), "ghs_wrong", cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith("repository acme/nothing at ", unknown.Message, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was created", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("refused the token (401)", refused.Message, StringComparison.Ordinal);
        Assert.Empty(github.Releases);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_tag_the_repository_does_not_have_is_one_line_and_nothing_is_created()
    {
        var source = await SourceAsync();
        await using var github = await LoopbackGitHub.StartAsync(Token);

        var error = await Assert.ThrowsAsync<GitHubException>(() => GitHubReleaseTasks.PublishAsync(Settings(source, github).SetRelease("acme/shop", "v9.9.9"), Token, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("tag v9.9.9 is not in acme/shop: expected the tag the binaries were built from, pushed first (git push origin v9.9.9); nothing was created", error.Message);
        Assert.Empty(github.Releases);
        Assert.DoesNotContain(github.Server.Requests, r => r.Method != "GET");
    }

    [Fact(Timeout = 300_000)]
    public async Task A_token_without_write_rights_is_one_line_and_nothing_is_created()
    {
        var source = await SourceAsync();
        await using var github = await LoopbackGitHub.StartAsync(Token);

        var error = await Assert.ThrowsAsync<GitHubException>(() => GitHubReleaseTasks.PublishAsync(Settings(source, github), github.ReadOnlyToken, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Matches("^acme/shop at http://127.0.0.1:[0-9]+/api/v3/ forbids this \\(403: Resource not accessible by integration\\): expected a token with contents:write; nothing was created$", error.Message);
        Assert.DoesNotContain(github.ReadOnlyToken, error.Message, StringComparison.Ordinal);
        Assert.Empty(github.Releases);
    }

    [Fact(Timeout = 300_000)]
    public async Task An_asset_another_run_uploaded_meanwhile_stops_the_run_with_a_draft_that_a_rerun_finishes()
    {
        var source = await SourceAsync();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        github.RacedAsset = Archives[1];

        var error = await Assert.ThrowsAsync<GitHubException>(() => GitHubReleaseTasks.PublishAsync(Settings(source, github), Token, cancellationToken: TestContext.Current.CancellationToken));
        var draft = github.Releases.Single().Draft;
        var rerun = await GitHubReleaseTasks.PublishAsync(Settings(source, github), Token, cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith($"the release v1.2.3 of acme/shop at http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"already has an asset {Archives[1]} that this run did not see (another run uploading at the same time?): expected one run per release; the release stays a draft: run again to finish", error.Message, StringComparison.Ordinal);
        Assert.True(draft);
        Assert.False(rerun.Draft);
        var release = github.Releases.Single();
        Assert.Equal(Archives.Append("hello_1.2.3_verification.json").Append("SHA256SUMS").Order(StringComparer.Ordinal), release.Assets.Select(a => a.Name).Order(StringComparer.Ordinal));
        var sums = ReleaseAssets.ParseSums(System.Text.Encoding.UTF8.GetString(release.Assets.Single(a => a.Name == "SHA256SUMS").Content));
        Assert.All(release.Assets.Where(a => a.Name != "SHA256SUMS"), a => Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(a.Content)), sums[a.Name]));
    }

    [Fact(Timeout = 300_000)]
    public async Task The_cli_takes_the_token_from_the_environment_masks_it_and_prints_the_release_as_json()
    {
        var source = await SourceAsync();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        string[] args = ["github", "release", "bin/{os}_{arch}[_{variant}]/{name}", "--repo", "acme/shop", "--tag", "v1.2.3", "--platforms", "linux/amd64,linux/arm64,linux/arm/v7",
            "--api-url", github.Server.Address.ToString(), "--epoch", "0", "--json", "--token-env", "RELEASE_TOKEN"];
        var env = new Dictionary<string, string?> { ["RELEASE_TOKEN"] = Token, ["GITHUB_ACTIONS"] = "true", ["GITHUB_OUTPUT"] = dir.Combine("output") };

        var missing = await Nuke.CrossBuild.Internal.Tool.RunAsync("dotnet", [RepoPaths.CliDll, .. args], new Dictionary<string, string?> { ["RELEASE_TOKEN"] = null }, source, cancellationToken: TestContext.Current.CancellationToken);
        var result = await Nuke.CrossBuild.Internal.Tool.RunAsync("dotnet", [RepoPaths.CliDll, .. args], env, source, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((2, "crossbuild: no token: expected one in $RELEASE_TOKEN (a token with contents:write; never pass it as an argument)"), (missing.ExitCode, missing.StdErr.Trim()));
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal($"::add-mask::{Token}", result.StdErr.Split('\n')[0]);
        using var json = System.Text.Json.JsonDocument.Parse(result.StdOut);
        Assert.Equal("https://github.example.com/acme/shop/releases/tag/v1.2.3", json.RootElement.GetProperty("url").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("assets").GetArrayLength());
        Assert.Contains("url=https://github.example.com/acme/shop/releases/tag/v1.2.3\n", File.ReadAllText(dir.Combine("output")), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.StdOut, StringComparison.Ordinal);
    }

    private static List<TarEntry> TarEntries(byte[] archive)
    {
        using var reader = new TarReader(new GZipStream(new MemoryStream(archive), CompressionMode.Decompress));
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }
}

using System.Text.Json;
using Nuke.CrossBuild.GitHub;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>Outside GitHub Actions the tags and labels come from git: the tag or branch, the commit and the origin remote.</summary>
public sealed class GitContextSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData("https://github.com/acme/shop.git", "https://github.com", "acme/shop")]
    [InlineData("https://github.com/acme/shop", "https://github.com", "acme/shop")]
    [InlineData("git@github.com:acme/shop.git", "https://github.com", "acme/shop")]
    [InlineData("ssh://git@ghe.example.com:2222/acme/shop.git", "https://ghe.example.com", "acme/shop")]
    [InlineData("https://x-access-token:ghs_s3cret@github.com/acme/shop.git", "https://github.com", "acme/shop")]
    [InlineData("http://git.local:3000/acme/shop/", "http://git.local:3000", "acme/shop")]
    [InlineData("https://gitlab.com/group/sub/proj.git", "https://gitlab.com", "group/sub/proj")]
    public void A_remote_url_gives_the_server_and_repository_and_never_its_credentials(string url, string server, string repository)
    {
        Assert.Equal((server, repository), GitHubContext.ParseRemote(url));
    }

    [Theory]
    [InlineData("/srv/git/shop.git")]
    [InlineData("../shop")]
    [InlineData("file:///srv/git/shop.git")]
    [InlineData("https://github.com/shop")]
    [InlineData("https://github.com/acme/../shop")]
    [InlineData("")]
    [InlineData("https://github.com/acme/shop%0A")]
    public void A_local_or_odd_remote_gives_no_repository(string url)
    {
        Assert.Null(GitHubContext.ParseRemote(url));
    }

    private async Task<string> RepositoryAsync(string remote)
    {
        var work = dir.Combine("shop");
        Directory.CreateDirectory(work);
        dir.Write("shop/main.go", "package main\n");
        var env = new Dictionary<string, string?>
        {
            ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.com", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.com",
            ["GIT_AUTHOR_DATE"] = "@1700000000 +0000", ["GIT_COMMITTER_DATE"] = "@1700000000 +0000",
        };
        foreach (var args in new[]
        {
            new[] { "init", "-q", "-b", "main" }, ["add", "."], ["commit", "-q", "-m", "first"], ["remote", "add", "origin", remote],
            ["symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk"],
        })
        {
            var run = await Tool.RunAsync("git", args, env, work, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(run.Succeeded, run.StdErr);
        }

        return work;
    }

    [Fact(Timeout = 60_000)]
    public async Task Outside_actions_the_context_is_the_branch_commit_and_origin_with_the_commit_time()
    {
        var work = await RepositoryAsync("https://x-access-token:ghs_s3cret@github.com/Acme/Shop.git");

        var context = await GitHubContext.ResolveAsync(work, _ => null, TestContext.Current.CancellationToken);
        var metadata = GitHubMetadata.Compute(context, ["ghcr.io/acme/shop"], [TagRule.Parse("type=ref,event=branch"), TagRule.Parse("type=sha"), TagRule.Parse("type=edge")]);

        Assert.Equal(("refs/heads/main", "Acme/Shop", "https://github.com", "trunk"), (context.Ref, context.Repository, context.ServerUrl, context.DefaultBranch));
        Assert.Matches("^[0-9a-f]{40}$", context.Sha);
        Assert.Equal(1_700_000_000, context.Timestamp.ToUnixTimeSeconds());
        Assert.Equal(["main", $"sha-{context.Sha[..7]}"], metadata.TagNames);
        Assert.Contains(new KeyValuePair<string, string>("org.opencontainers.image.source", "https://github.com/Acme/Shop"), metadata.Labels);
        Assert.Contains(new KeyValuePair<string, string>("org.opencontainers.image.created", "2023-11-14T22:13:20.000Z"), metadata.Labels);
        Assert.DoesNotContain(metadata.Labels, l => l.Value.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_tag_at_head_wins_over_the_branch_and_the_highest_version_wins_among_tags()
    {
        var work = await RepositoryAsync("git@github.com:acme/shop.git");
        foreach (var tag in new[] { "v1.4.0", "v1.10.0", "v1.9.0" })
        {
            Assert.True((await Tool.RunAsync("git", ["tag", tag], workingDirectory: work, cancellationToken: TestContext.Current.CancellationToken)).Succeeded);
        }

        var context = await GitHubContext.FromGitAsync(work, TestContext.Current.CancellationToken);

        Assert.Equal("refs/tags/v1.10.0", context!.Ref);
        Assert.Equal(["1.10.0", "latest"], GitHubMetadata.Compute(context, ["ghcr.io/acme/shop"], [TagRule.Parse("type=semver,pattern={{version}}")]).TagNames);
    }

    [Fact(Timeout = 60_000)]
    public async Task Github_actions_variables_win_over_git()
    {
        var work = await RepositoryAsync("https://github.com/acme/shop.git");
        var variables = new Dictionary<string, string?> { ["GITHUB_REF"] = "refs/tags/v2.0.0", ["GITHUB_SHA"] = "860c1904a1ce19322e91ac35af1ab07466440c37", ["GITHUB_REPOSITORY"] = "acme/other" };

        var context = await GitHubContext.ResolveAsync(work, variables.GetValueOrDefault, TestContext.Current.CancellationToken);

        Assert.Equal(("refs/tags/v2.0.0", "acme/other"), (context.Ref, context.Repository));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_cli_outside_actions_takes_tags_and_labels_from_git_and_outside_git_says_what_is_missing()
    {
        var work = await RepositoryAsync("https://github.com/acme/shop.git");
        var outside = dir.Combine("outside");
        Directory.CreateDirectory(outside);
        var env = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = null, ["GITHUB_REF"] = null, ["GITHUB_SHA"] = null, ["GITHUB_TOKEN"] = null, ["GIT_CEILING_DIRECTORIES"] = dir.Path };

        var inGit = await Tool.RunAsync("dotnet", [RepoPaths.CliDll, "github", "metadata", "ghcr.io/acme/shop", "--json"], env, work, cancellationToken: TestContext.Current.CancellationToken);
        var noGit = await Tool.RunAsync("dotnet", [RepoPaths.CliDll, "github", "metadata", "ghcr.io/acme/shop"], env, outside, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(inGit.ExitCode == 0, inGit.StdErr);
        using var json = JsonDocument.Parse(inGit.StdOut);
        Assert.Equal("ghcr.io/acme/shop:main", json.RootElement.GetProperty("tags")[0].GetString());
        Assert.Equal("https://github.com/acme/shop", json.RootElement.GetProperty("labels").GetProperty("org.opencontainers.image.source").GetString());
        Assert.Equal(2, noGit.ExitCode);
        Assert.Equal($"crossbuild: no GitHub Actions run and no git commit in {outside}: expected GITHUB_REF and GITHUB_SHA (GitHub Actions) or a git repository with a commit", noGit.StdErr.Trim());
    }
}

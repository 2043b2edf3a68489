using Nuke.CrossBuild.GitHub;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>Tags and labels as docker/metadata-action computes them; the vectors are the examples of its README.</summary>
public sealed class GitHubMetadataSpecs
{
    private static readonly TagRule[] SemverRules =
        [TagRule.Parse("type=ref,event=branch"), TagRule.Parse("type=ref,event=pr"), TagRule.Parse("type=semver,pattern={{version}}"), TagRule.Parse("type=semver,pattern={{major}}.{{minor}}")];

    private static GitHubContext Run(string eventName, string gitRef) => new()
    {
        EventName = eventName, Ref = gitRef, Sha = "860c1904a1ce19322e91ac35af1ab07466440c37", Repository = "Owner/App",
        Timestamp = new DateTimeOffset(2026, 11, 22, 13, 5, 9, 123, TimeSpan.Zero),
    };

    [Theory]
    [InlineData("pull_request", "refs/pull/2/merge", "pr-2")]
    [InlineData("push", "refs/heads/master", "master")]
    [InlineData("push", "refs/heads/releases/v1", "releases-v1")]
    [InlineData("push", "refs/tags/v1.2.3", "v1.2.3 latest")]
    [InlineData("push", "refs/tags/v2.0.8-beta.67", "v2.0.8-beta.67 latest")]
    [InlineData("workflow_dispatch", "refs/heads/master", "master")]
    public void The_default_rules_tag_branches_tags_and_pull_requests(string eventName, string gitRef, string expected)
    {
        var metadata = GitHubMetadata.Compute(Run(eventName, gitRef), ["name/app"]);

        Assert.Equal(expected.Split(' '), metadata.TagNames);
        Assert.Equal(expected.Split(' ').Select(t => "name/app:" + t), metadata.Tags);
    }

    [Theory]
    [InlineData("push", "refs/tags/v1.2.3", "1.2.3 1.2 latest")]
    [InlineData("push", "refs/tags/v2.0.8-beta.67", "2.0.8-beta.67")]
    [InlineData("push", "refs/heads/master", "master")]
    [InlineData("pull_request", "refs/pull/2/merge", "pr-2")]
    [InlineData("push", "refs/tags/release-candidate", "")]
    public void Semver_rules_tag_releases_and_leave_prereleases_out_of_latest_and_short_versions(string eventName, string gitRef, string expected)
    {
        var metadata = GitHubMetadata.Compute(Run(eventName, gitRef), ["name/app"], SemverRules);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), metadata.TagNames);
        Assert.Equal(expected.Split(' ')[0], metadata.Version);
    }

    [Fact]
    public void Sha_edge_raw_and_schedule_rules_with_priorities_prefixes_and_several_images()
    {
        var rules = new[]
        {
            TagRule.Parse("type=sha"), TagRule.Parse("type=sha,format=long,prefix="), TagRule.Parse("type=edge,branch=main"),
            TagRule.Parse("type=raw,value=stable,priority=2000"), TagRule.Parse("type=raw,value=never,enable=false"), TagRule.Parse("dev"),
            TagRule.Parse("type=ref,event=branch,suffix=-amd64"),
        };

        var metadata = GitHubMetadata.Compute(Run("push", "refs/heads/main"), ["ghcr.io/Owner/App", "docker.io/owner/app"], rules, latest: "false");

        Assert.Equal(["stable", "edge", "main-amd64", "dev", "sha-860c190", "860c1904a1ce19322e91ac35af1ab07466440c37"], metadata.TagNames);
        Assert.Equal("stable", metadata.Version);
        Assert.Equal("ghcr.io/owner/app:stable", metadata.Tags[0]);
        Assert.Equal("docker.io/owner/app:860c1904a1ce19322e91ac35af1ab07466440c37", metadata.Tags[^1]);
        Assert.Equal(["nightly-20261122"], GitHubMetadata.Compute(Run("schedule", "refs/heads/main"), ["a"], [TagRule.Parse("type=schedule,pattern=nightly-{{date 'YYYYMMDD'}}")]).TagNames);
    }

    [Fact]
    public void Labels_follow_the_oci_annotations_and_a_pull_request_uses_its_head_commit()
    {
        var context = Run("pull_request", "refs/pull/7/merge").WithEvent("""
            {"pull_request": {"head": {"sha": "aaaaaaabbbbbbb"}}, "repository": {"default_branch": "main", "description": "A shop", "license": {"spdx_id": "MIT"}}}
            """);

        var metadata = GitHubMetadata.Compute(context, ["ghcr.io/owner/app"], [TagRule.Parse("type=ref,event=pr"), TagRule.Parse("type=sha")]);

        Assert.Equal(["pr-7", "sha-aaaaaaa"], metadata.TagNames);
        Assert.Equal(
            [
                "org.opencontainers.image.title=App", "org.opencontainers.image.description=A shop", "org.opencontainers.image.url=https://github.com/Owner/App",
                "org.opencontainers.image.source=https://github.com/Owner/App", "org.opencontainers.image.version=pr-7",
                "org.opencontainers.image.created=2026-11-22T13:05:09.123Z", "org.opencontainers.image.revision=aaaaaaabbbbbbb", "org.opencontainers.image.licenses=MIT",
            ],
            metadata.Labels.Select(l => $"{l.Key}={l.Value}"));
    }

    [Fact]
    public void The_context_comes_from_the_runner_environment_and_says_what_is_missing()
    {
        var env = new Dictionary<string, string> { ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/tags/v3.0.0", ["GITHUB_SHA"] = "abc", ["GITHUB_REPOSITORY"] = "o/r" };

        var context = GitHubContext.FromEnvironment(env.GetValueOrDefault);
        var missing = Assert.Throws<GitHubException>(() => GitHubContext.FromEnvironment(_ => null));

        Assert.Equal(("push", "refs/tags/v3.0.0", "abc", "https://github.com"), (context.EventName, context.Ref, context.Sha, context.ServerUrl));
        Assert.StartsWith("GITHUB_REF is not set: expected to run in GitHub Actions", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("feature/ü x", "feature-x")]
    [InlineData("type=raw", null)]
    public void Tag_names_are_sanitized_and_bad_rules_are_refused(string input, string? expected)
    {
        if (expected is null)
        {
            Assert.Equal("raw", TagRule.Parse(input).Type);
            var bad = Assert.Throws<InputException>(() => TagRule.Parse("type=pep440,pattern={{version}}"));
            Assert.Equal("invalid tag rule 'type=pep440,pattern={{version}}': expected type to be one of schedule, semver, edge, ref, raw, sha, got 'pep440'", bad.Message);
            return;
        }

        Assert.Equal(expected, GitHubMetadata.Sanitize(input));
        Assert.Equal(128, GitHubMetadata.Sanitize(new string('a', 300)).Length);
    }
}

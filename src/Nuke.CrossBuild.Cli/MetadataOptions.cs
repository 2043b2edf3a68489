using System.CommandLine;
using Nuke.CrossBuild.GitHub;

namespace Nuke.CrossBuild.Cli;

/// <summary>The <c>--tag-rule</c> and <c>--latest</c> options that computing tags the way docker/metadata-action does needs.</summary>
internal sealed class MetadataOptions
{
    public Option<string[]> Rules { get; } = new("--tag-rule") { Description = "A metadata-action tag rule, e.g. type=semver,pattern={{major}}.{{minor}} (repeatable; default: branch, tag, pr, schedule)." };

    public Option<string> Latest { get; } = new("--latest") { DefaultValueFactory = _ => "auto", Description = "Add the latest tag: auto (release tags), true or false." };

    public void AddTo(Command command)
    {
        command.Options.Add(Rules);
        command.Options.Add(Latest);
    }

    /// <summary>
    /// Computes the metadata for images from the GitHub run this process is in (outside GitHub Actions: from git): the
    /// repository's facts from the API (through Octokit) when <c>GITHUB_TOKEN</c> is set, else from the event payload.
    /// </summary>
    public async Task<ImageMetadata> ComputeAsync(ParseResult result, CancellationToken cancellationToken, params string[] images)
    {
        try
        {
            var rules = result.GetValue(Rules) is { Length: > 0 } given ? given.Select(TagRule.Parse).ToList() : null;
            var context = await GitHubContext.ResolveAsync(Environment.CurrentDirectory, cancellationToken: cancellationToken).ConfigureAwait(false);
            var api = Environment.GetEnvironmentVariable("GITHUB_API_URL") is not { Length: > 0 } url ? null
                : Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri
                : throw new UsageException($"invalid GITHUB_API_URL '{url}': expected https://host/ (GitHub Enterprise: the server root or its /api/v3)");
            var github = api is not null || context.ServerUrl == "https://github.com"; // a git remote elsewhere has no GitHub API to ask
            if (Environment.GetEnvironmentVariable(GitHubRepositoryInfo.TokenVariable) is { Length: > 0 } token && context.Repository.Length > 0 && github)
            {
                context = await GitHubRepositoryInfo.CompleteAsync(context, token, api, cancellationToken).ConfigureAwait(false);
            }

            return GitHubMetadata.Compute(context, images, rules, result.GetValue(Latest)!);
        }
        catch (CrossBuildException e) when (e is not UsageException)
        {
            throw new UsageException(e.Message);
        }
    }
}

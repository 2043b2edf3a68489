using Octokit;

namespace Nuke.CrossBuild.GitHub;

/// <summary>
/// The repository facts docker/metadata-action takes from the API for OCI labels (name, description, URL, SPDX license,
/// default branch), read through Octokit. Used when a token is there; the event payload and the environment fill in
/// otherwise (<see cref="GitHubContext.WithEvent"/>).
/// </summary>
public static class GitHubRepositoryInfo
{
    /// <summary>The variable holding the token (the one GitHub Actions provides).</summary>
    public const string TokenVariable = "GITHUB_TOKEN";

    /// <summary>Completes a context from the repository's API answer.</summary>
    /// <param name="context">The run's context (its <see cref="GitHubContext.Repository"/> names the repository).</param>
    /// <param name="token">The token, or null for anonymous access (public repositories; low rate limit).</param>
    /// <param name="apiUrl">The server root as Octokit takes it (<c>https://ghe.example.com/</c>; the API is under <c>/api/v3/</c>), or null for github.com.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A completed copy: the API's values win over the payload's.</returns>
    /// <exception cref="CrossBuildException">The repository is unknown or the token has no access (one line).</exception>
    public static async Task<GitHubContext> CompleteAsync(GitHubContext context, string? token, Uri? apiUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = context.Repository.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0))
        {
            throw new InputException($"invalid repository '{context.Repository}': expected owner/name");
        }

        var client = GitHubApi.CreateClient(apiUrl, token, TimeSpan.FromSeconds(30));
        Repository repository;
        try
        {
            repository = await client.Repository.Get(parts[0], parts[1]).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            throw new GitHubException($"repository {context.Repository} not found at {client.Connection.BaseAddress} (or the token cannot see it): check GITHUB_REPOSITORY and the token's access");
        }
        catch (AuthorizationException e)
        {
            throw new GitHubException($"{client.Connection.BaseAddress} refused the token ({(int)e.StatusCode}): expected a token with read access to {context.Repository}");
        }
        catch (ApiException e)
        {
            throw new GitHubException($"{client.Connection.BaseAddress} answered {(int)e.StatusCode} for repository {context.Repository}: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            throw new GitHubException($"cannot reach {client.Connection.BaseAddress} ({e.Message.TrimEnd('.')})");
        }

        return context with
        {
            Title = repository.Name ?? context.Title,
            Description = repository.Description ?? context.Description,
            License = repository.License?.SpdxId is { Length: > 0 } spdx && spdx != "NOASSERTION" ? spdx : context.License,
            DefaultBranch = repository.DefaultBranch ?? context.DefaultBranch,
            HtmlUrl = repository.HtmlUrl ?? context.HtmlUrl,
        };
    }
}

using Octokit;

namespace Nuke.CrossBuild.GitHub;

/// <summary>The Octokit client every GitHub call here uses: one product name, the server root, the token, a time limit.</summary>
internal static class GitHubApi
{
    /// <summary>Creates a client for github.com or, with <paramref name="apiUrl"/>, a GitHub Enterprise server root.</summary>
    public static GitHubClient CreateClient(Uri? apiUrl, string? token, TimeSpan timeout)
    {
        var client = new GitHubClient(new ProductHeaderValue("crossbuild"), apiUrl ?? GitHubClient.GitHubApiUrl);
        if (token is { Length: > 0 })
        {
            client.Credentials = new Credentials(token);
        }

        client.SetRequestTimeout(timeout);
        return client;
    }
}

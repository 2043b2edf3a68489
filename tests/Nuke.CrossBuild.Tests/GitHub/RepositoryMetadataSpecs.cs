using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nuke.CrossBuild.GitHub;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>
/// OCI labels from the repository's API answer (through Octokit) when a token is there, as docker/metadata-action takes
/// them, against a loopback server answering GET /repos/{owner}/{repo} with the shape of GitHub's published OpenAPI
/// description (full-repository: name, full_name, html_url, description, default_branch, license.spdx_id, …).
/// </summary>
public sealed class RepositoryMetadataSpecs : IDisposable
{
    private const string Token = "ghs_loopbackTokenForTests0123456789";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    // The fields GitHub's OpenAPI description lists for "full-repository" that the labels read, plus the identity ones.
    private static Task<LoopbackServer> GitHubAsync() => LoopbackServer.StartAsync(async context =>
    {
        // Octokit sends "token <t>" (GitHub takes "token" and "Bearer" alike, case-insensitively).
        var authorization = context.Request.Headers.Authorization.ToString();
        if (context.Request.Path == "/api/v3/repos/acme/shop" && authorization.EndsWith(" " + Token, StringComparison.Ordinal)
            && authorization.Split(' ')[0].ToLowerInvariant() is "token" or "bearer")
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync($$"""
                {"id": 1296269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": "Shop", "full_name": "acme/Shop", "private": false,
                 "owner": {"login": "acme", "id": 1, "node_id": "MDQ6VXNlcjE=", "type": "Organization", "site_admin": false},
                 "html_url": "https://github.example.com/acme/Shop", "description": "The shop, from the API", "fork": false,
                 "url": "http://{{context.Request.Host}}/api/v3/repos/acme/Shop", "default_branch": "trunk", "visibility": "public",
                 "license": {"key": "mit", "name": "MIT License", "spdx_id": "MIT", "url": "https://api.github.com/licenses/mit", "node_id": "MDc6TGljZW5zZW1pdA=="},
                 "created_at": "2011-01-26T19:01:12Z", "updated_at": "2011-01-26T19:14:43Z", "pushed_at": "2011-01-26T19:06:43Z"}
                """);
            return;
        }

        context.Response.StatusCode = context.Request.Headers.Authorization.Count == 0 ? 401 : 404;
        await context.Response.WriteAsync("""{"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"}""");
    });

    private Dictionary<string, string?> Runner(LoopbackServer github, string? token) => new()
    {
        ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/heads/trunk", ["GITHUB_SHA"] = "860c1904a1ce19322e91ac35af1ab07466440c37",
        ["GITHUB_REPOSITORY"] = "acme/shop", ["GITHUB_SERVER_URL"] = "https://github.example.com", ["GITHUB_API_URL"] = github.Address + "api/v3",
        ["GITHUB_TOKEN"] = token, ["GITHUB_OUTPUT"] = dir.Combine("output"),
        ["GITHUB_EVENT_PATH"] = dir.Write("event.json", """{"repository": {"description": "The shop, from the payload", "license": {"spdx_id": "Apache-2.0"}}}"""),
    };

    [Fact(Timeout = 120_000)]
    public async Task With_a_token_the_labels_come_from_the_api_and_the_token_is_masked_first()
    {
        await using var github = await GitHubAsync();

        var result = await Tool.RunAsync("dotnet", [RepoPaths.CliDll, "github", "metadata", "ghcr.io/acme/shop", "--json"], Runner(github, Token), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal($"::add-mask::{Token}", result.StdErr.Split('\n')[0]);
        var labels = Labels(result.StdOut);
        Assert.Equal(("Shop", "The shop, from the API", "MIT", "https://github.example.com/acme/Shop"),
            (labels["org.opencontainers.image.title"], labels["org.opencontainers.image.description"], labels["org.opencontainers.image.licenses"], labels["org.opencontainers.image.source"]));
        Assert.Contains(github.Requests, r => r.PathAndQuery == "/api/v3/repos/acme/shop" && r.Authorization.EndsWith(" " + Token, StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_a_token_the_event_payload_fills_the_labels_and_the_api_is_not_asked()
    {
        await using var github = await GitHubAsync();

        var result = await Tool.RunAsync("dotnet", [RepoPaths.CliDll, "github", "metadata", "ghcr.io/acme/shop", "--json"], Runner(github, null), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var labels = Labels(result.StdOut);
        Assert.Equal(("The shop, from the payload", "Apache-2.0"), (labels["org.opencontainers.image.description"], labels["org.opencontainers.image.licenses"]));
        Assert.Empty(github.Requests);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_token_without_access_or_an_unknown_repository_is_one_line()
    {
        await using var github = await GitHubAsync();

        var error = await Assert.ThrowsAsync<GitHubException>(() => GitHubRepositoryInfo.CompleteAsync(new GitHubContext { Repository = "acme/nothing" }, Token, github.Address, TestContext.Current.CancellationToken));

        Assert.StartsWith("repository acme/nothing not found at ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 900_000)]
    public async Task The_native_aot_executable_reads_the_repository_through_octokit_too()
    {
        var executable = Path.Combine(await CrossbuildTool.DirectoryAsync("linux-x64"), "crossbuild");
        await using var github = await GitHubAsync();

        var result = await Tool.RunAsync(executable, ["github", "metadata", "ghcr.io/acme/shop", "--json"], Runner(github, Token), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("MIT", Labels(result.StdOut)["org.opencontainers.image.licenses"]);
    }

    private static Dictionary<string, string> Labels(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}

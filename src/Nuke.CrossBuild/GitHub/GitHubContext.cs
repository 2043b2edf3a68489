using System.Text.Json;

namespace Nuke.CrossBuild.GitHub;

/// <summary>What a GitHub Actions run says about itself: the event, the ref, the commit and the repository.</summary>
public sealed partial record GitHubContext
{
    /// <summary>Gets the event name (<c>push</c>, <c>pull_request</c>, <c>schedule</c>, <c>workflow_dispatch</c>...).</summary>
    public string EventName { get; init; } = "push";

    /// <summary>Gets the full ref, e.g. <c>refs/heads/main</c>, <c>refs/tags/v1.2.3</c>, <c>refs/pull/2/merge</c>.</summary>
    public string Ref { get; init; } = string.Empty;

    /// <summary>Gets the commit (<c>GITHUB_SHA</c>; for pull requests, the merge commit).</summary>
    public string Sha { get; init; } = string.Empty;

    /// <summary>Gets the pull request's head commit, which tags and the revision label use instead of the merge commit.</summary>
    public string? PullRequestHeadSha { get; init; }

    /// <summary>Gets the repository, <c>owner/name</c>.</summary>
    public string Repository { get; init; } = string.Empty;

    /// <summary>Gets the server URL (default <c>https://github.com</c>).</summary>
    public string ServerUrl { get; init; } = "https://github.com";

    /// <summary>Gets the repository's default branch, when known (for <c>type=edge</c>).</summary>
    public string? DefaultBranch { get; init; }

    /// <summary>Gets the repository's description, when known.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the repository's SPDX license, when known.</summary>
    public string? License { get; init; }

    /// <summary>Gets the repository's name as the API spells it (the <c>title</c> label), or null for the name part of <see cref="Repository"/>.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the repository's web address as the API gives it, or null for <see cref="ServerUrl"/>/<see cref="Repository"/>.</summary>
    public string? HtmlUrl { get; init; }

    /// <summary>Gets the time of the run (the <c>created</c> label and <c>{{date}}</c> patterns).</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>Gets the commit tags and the revision label use.</summary>
    public string Revision => PullRequestHeadSha is { Length: > 0 } head ? head : Sha;

    /// <summary>Reads the context of the running workflow from its environment and event file.</summary>
    /// <param name="getVariable">Reads a variable (default: the process environment).</param>
    /// <param name="now">The time to record (default: now).</param>
    /// <returns>The context.</returns>
    /// <exception cref="GitHubException">GITHUB_REF or GITHUB_SHA is not set (not running in GitHub Actions), or the event file is not JSON.</exception>
    public static GitHubContext FromEnvironment(Func<string, string?>? getVariable = null, DateTimeOffset? now = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string Required(string name) => getVariable(name) is { Length: > 0 } value ? value
            : throw new GitHubException($"{name} is not set: expected to run in GitHub Actions (or set GITHUB_EVENT_NAME, GITHUB_REF, GITHUB_SHA and GITHUB_REPOSITORY)");
        var context = new GitHubContext
        {
            EventName = getVariable("GITHUB_EVENT_NAME") is { Length: > 0 } e ? e : "push",
            Ref = Required("GITHUB_REF"),
            Sha = Required("GITHUB_SHA"),
            Repository = getVariable("GITHUB_REPOSITORY") ?? string.Empty,
            ServerUrl = getVariable("GITHUB_SERVER_URL") is { Length: > 0 } s ? s.TrimEnd('/') : "https://github.com",
            Timestamp = now ?? DateTimeOffset.UtcNow,
        };
        return getVariable("GITHUB_EVENT_PATH") is { Length: > 0 } path && File.Exists(path) ? context.WithEvent(File.ReadAllText(path)) : context;
    }

    /// <summary>Returns a copy completed from the event payload (pull request head, default branch, description, license).</summary>
    /// <param name="json">The event payload (<c>GITHUB_EVENT_PATH</c>'s content).</param>
    /// <returns>A completed copy.</returns>
    /// <exception cref="GitHubException">The payload is not JSON.</exception>
    public GitHubContext WithEvent(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return this with
            {
                PullRequestHeadSha = Text(root, "pull_request", "head", "sha") ?? PullRequestHeadSha,
                DefaultBranch = Text(root, "repository", "default_branch") ?? DefaultBranch,
                Description = Text(root, "repository", "description") ?? Description,
                License = Text(root, "repository", "license", "spdx_id") ?? License,
            };
        }
        catch (JsonException e)
        {
            throw new GitHubException($"the GitHub event file is not JSON: {e.Message}");
        }
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}

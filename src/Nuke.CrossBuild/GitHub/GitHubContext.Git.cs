using System.Globalization;
using System.Text.RegularExpressions;
using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.GitHub;

// The context of a build outside GitHub Actions, read from git.
public sealed partial record GitHubContext
{
    /// <summary>
    /// Reads the context where the build runs: from GitHub Actions' variables and event file when <c>GITHUB_REF</c> and
    /// <c>GITHUB_SHA</c> are set, else from the git repository around <paramref name="directory"/>.
    /// </summary>
    /// <param name="directory">Where to ask git.</param>
    /// <param name="getVariable">Reads a variable (default: the process environment).</param>
    /// <param name="cancellationToken">Stops git.</param>
    /// <returns>The context.</returns>
    /// <exception cref="GitHubException">Neither a GitHub Actions run nor a git repository with a commit (one line saying what to set).</exception>
    public static async Task<GitHubContext> ResolveAsync(string directory, Func<string, string?>? getVariable = null, CancellationToken cancellationToken = default)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        if (getVariable("GITHUB_REF") is { Length: > 0 } || getVariable("GITHUB_SHA") is { Length: > 0 })
        {
            return FromEnvironment(getVariable);
        }

        return await FromGitAsync(directory, cancellationToken).ConfigureAwait(false)
            ?? throw new GitHubException($"no GitHub Actions run and no git commit in {directory}: expected GITHUB_REF and GITHUB_SHA (GitHub Actions) or a git repository with a commit");
    }

    /// <summary>
    /// Reads the context from git, for builds outside GitHub Actions: the tag at <c>HEAD</c> (the highest version when
    /// several) else the branch, the commit, the repository and server from the <c>origin</c> remote (credentials in its
    /// URL are dropped), the default branch from <c>origin/HEAD</c>, and the commit's time as the timestamp, so labels
    /// stay reproducible. The repository's title falls back to the work tree's directory name.
    /// </summary>
    /// <param name="directory">A directory inside the work tree.</param>
    /// <param name="cancellationToken">Stops git.</param>
    /// <returns>The context, or null when git is missing or there is no commit.</returns>
    public static async Task<GitHubContext?> FromGitAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (PathLookup.Find("git") is not { } git || !Directory.Exists(directory))
        {
            return null;
        }

        async Task<string?> Git(params string[] args)
        {
            var run = await Tool.RunAsync(git, args, workingDirectory: directory, cancellationToken: cancellationToken).ConfigureAwait(false);
            return run.Succeeded ? run.StdOut.Trim() : null;
        }

        var head = (await Git("log", "-1", "--format=%H %ct").ConfigureAwait(false))?.Split(' ');
        if (head is not [{ Length: 40 or 64 } sha, var time] || !long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var tag = (await Git("tag", "--points-at", "HEAD", "--sort=-version:refname").ConfigureAwait(false))?.Split('\n')[0].Trim();
        var reference = tag is { Length: > 0 } ? $"refs/tags/{tag}" : await Git("symbolic-ref", "-q", "HEAD").ConfigureAwait(false) ?? string.Empty;
        var remote = await Git("remote", "get-url", "origin").ConfigureAwait(false) is { } url ? ParseRemote(url) : null;
        var originHead = await Git("symbolic-ref", "-q", "refs/remotes/origin/HEAD").ConfigureAwait(false);
        var top = remote is null ? await Git("rev-parse", "--show-toplevel").ConfigureAwait(false) : null; // the title without a remote
        return new GitHubContext
        {
            EventName = "push",
            Ref = reference,
            Sha = sha,
            Repository = remote?.Repository ?? string.Empty,
            ServerUrl = remote?.ServerUrl ?? "https://github.com",
            Title = top is { Length: > 0 } ? Path.GetFileName(top) : null,
            HtmlUrl = remote is null ? string.Empty : null,
            DefaultBranch = originHead?.StartsWith("refs/remotes/origin/", StringComparison.Ordinal) == true ? originHead["refs/remotes/origin/".Length..] : null,
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds),
        };
    }

    /// <summary>
    /// Reads a git remote URL (<c>https://host/owner/name.git</c>, <c>git@host:owner/name.git</c>, <c>ssh://git@host:22/owner/name</c>)
    /// as the repository's web server and path; user names, tokens and ports of SSH remotes are dropped.
    /// </summary>
    /// <param name="url">The remote's URL.</param>
    /// <returns>The server (<c>https://github.com</c>) and the repository (<c>owner/name</c>), or null for a local path or an unknown form.</returns>
    public static (string ServerUrl, string Repository)? ParseRemote(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        url = url.Trim();
        string host, path, scheme = "https";
        if (!url.Contains("://", StringComparison.Ordinal) && ScpLike().Match(url) is { Success: true } scp)
        {
            (host, path) = (scp.Groups["host"].Value, scp.Groups["path"].Value);
        }
        else if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "git" && uri.Host.Length > 0)
        {
            (host, path) = (uri.Scheme is "https" or "http" && !uri.IsDefaultPort ? $"{uri.Host}:{uri.Port}" : uri.Host, Uri.UnescapeDataString(uri.AbsolutePath));
            scheme = uri.Scheme == "http" ? "http" : "https";
        }
        else
        {
            return null;
        }

        path = path.Trim('/');
        path = path.EndsWith(".git", StringComparison.Ordinal) ? path[..^4] : path;
        var segments = path.Split('/');
        return segments.Length >= 2 && segments.All(s => s.Length > 0 && s != "." && s != "..") && Segment().IsMatch(path)
            ? ($"{scheme}://{host}", path)
            : null;
    }

    [GeneratedRegex(@"^(?:[^@/:]+@)?(?<host>[A-Za-z0-9.-]+):(?<path>[^/].*)\z")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"^[A-Za-z0-9._/-]+\z")]
    private static partial Regex Segment();
}

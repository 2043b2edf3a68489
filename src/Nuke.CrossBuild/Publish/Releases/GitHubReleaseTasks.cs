using Nuke.CrossBuild.GitHub;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tooling;
using Octokit;

namespace Nuke.CrossBuild.Publish.Releases;

/// <summary>
/// Publishes the verified binaries as a GitHub release through Octokit, GoReleaser-style but safe to re-run: the release
/// for the tag is created as a draft (or taken as it is), an asset whose checksum changed is replaced and the others kept
/// (the previous run's SHA256SUMS says which), nothing is duplicated, SHA256SUMS goes up last, and only then is the
/// release published. A failure on the way leaves a draft that the next run finishes.
/// </summary>
public static class GitHubReleaseTasks
{
    /// <summary>Prepares the assets and publishes them, with configured settings.</summary>
    /// <param name="configure">Configures the settings.</param>
    /// <param name="token">A token with contents:write on the repository.</param>
    /// <param name="log">Receives progress lines, or null.</param>
    /// <param name="cancellationToken">Cancels the work; the release stays a draft.</param>
    /// <returns>The release and what was uploaded or kept.</returns>
    public static Task<ReleaseResult> PublishAsync(Configure<ReleaseSettings> configure, string token, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return PublishAsync(configure(new ReleaseSettings()), token, log, cancellationToken);
    }

    /// <summary>Prepares the assets (every binary verified first, before any request) and publishes them.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="token">A token with contents:write on the repository.</param>
    /// <param name="log">Receives progress lines, or null.</param>
    /// <param name="cancellationToken">Cancels the work; the release stays a draft.</param>
    /// <returns>The release and what was uploaded or kept.</returns>
    /// <exception cref="CrossBuildException">A one-line reason: invalid settings, unknown repository, a token without rights, an API error.</exception>
    /// <exception cref="Verification.VerificationException">A binary is not for its platform; nothing was sent.</exception>
    public static Task<ReleaseResult> PublishAsync(ReleaseSettings settings, string token, Action<string>? log = null, CancellationToken cancellationToken = default)
        => PublishAsync(settings, token, log, TimeSpan.FromMinutes(1), cancellationToken);

    /// <summary>Publishes with a time limit on the SHA256SUMS download and on any pause inside an API answer (tests shorten it).</summary>
    internal static async Task<ReleaseResult> PublishAsync(ReleaseSettings settings, string token, Action<string>? log, TimeSpan bodyTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(token);
        var (owner, name) = ReleaseNames.CheckRepository(settings.Repository);
        if (settings.ApiUrl is { } server && GitHubApi.ServerProblem(server) is { } problem)
        {
            throw new InputException(problem);
        }

        var assets = await ReleaseAssets.PrepareAsync(settings, cancellationToken).ConfigureAwait(false); // verified and written: nothing sent yet
        var client = GitHubApi.CreateClient(settings.ApiUrl, token, TimeSpan.FromMinutes(10), bodyTimeout);
        var target = new ReleaseTarget(client, owner, name, settings.Tag, $"{settings.Repository} at {client.Connection.BaseAddress}", log);
        Release? release = null;
        try
        {
            await client.Repository.Get(owner, name).WaitAsync(cancellationToken).ConfigureAwait(false);
            await RequireTagAsync(client, owner, name, settings.Tag, cancellationToken).ConfigureAwait(false);
            release = await FindOrCreateAsync(target, settings.Name, ReleaseNotes.For(assets), cancellationToken).ConfigureAwait(false);
            var existing = await client.Repository.Release.GetAllAssets(owner, name, release.Id).WaitAsync(cancellationToken).ConfigureAwait(false);
            var sumsAsset = existing.FirstOrDefault(a => a.Name == ReleaseAssets.SumsName && a.State == "uploaded");
            var previousSums = sumsAsset is null ? null : await SumsDownload.DownloadAsync(client.Connection.BaseAddress, sumsAsset.Url, token, bodyTimeout, cancellationToken).ConfigureAwait(false);
            RequireUploadOrigin(client, release);
            IReadOnlyDictionary<string, string> previous = previousSums is null ? new Dictionary<string, string>() : ReleaseAssets.ParseSums(previousSums);
            var (uploaded, kept) = (new List<string>(), new List<string>());
            foreach (var asset in assets)
            {
                var sent = await SyncAsync(target, release, asset, existing, (previousSums, previous), cancellationToken).ConfigureAwait(false);
                (sent ? uploaded : kept).Add(asset.Name);
            }

            if (!settings.Draft && release.Draft)
            {
                release = await client.Repository.Release.Edit(owner, name, release.Id, new ReleaseUpdate { Draft = false }).WaitAsync(cancellationToken).ConfigureAwait(false);
                log?.Invoke($"release {settings.Tag}: published");
            }

            // The URL comes from the server: escaped like every other server string before anything prints it.
            return new ReleaseResult(LogText.Escape(release.HtmlUrl ?? string.Empty), release.Draft, assets, uploaded, kept);
        }
        catch (Exception e) when (Reason(e, target.Where, settings.Tag) is { } reason && !cancellationToken.IsCancellationRequested)
        {
            var state = release is null ? "nothing was created" : release.Draft ? "the release stays a draft: run again to finish" : "run again to finish";
            throw new GitHubException($"{reason}; {state}");
        }
    }

    // The release for the tag as it is, or a new draft.
    private static async Task<Release> FindOrCreateAsync(ReleaseTarget target, string? title, string? body, CancellationToken cancellationToken)
    {
        var releases = target.Client.Repository.Release;
        try
        {
            var release = await releases.Get(target.Owner, target.Name, target.Tag).WaitAsync(cancellationToken).ConfigureAwait(false);
            target.Log?.Invoke($"release {target.Tag}: found ({(release.Draft ? "draft" : "published")})");
            return release;
        }
        catch (NotFoundException)
        {
            var release = await releases.Create(target.Owner, target.Name, new NewRelease(target.Tag) { Name = title ?? target.Tag, Body = body, Draft = true }).WaitAsync(cancellationToken).ConfigureAwait(false);
            target.Log?.Invoke($"release {target.Tag}: created as a draft");
            return release;
        }
    }

    // One asset: kept when the previous run's SHA256SUMS (or, for SHA256SUMS itself, its text) and size say it is the same,
    // else the old one deleted and this one uploaded. Returns whether it was uploaded.
    private static async Task<bool> SyncAsync(ReleaseTarget target, Release release, ReleaseAsset asset, IReadOnlyList<Octokit.ReleaseAsset> existing,
        (string? Text, IReadOnlyDictionary<string, string> Sums) previous, CancellationToken cancellationToken)
    {
        var current = existing.FirstOrDefault(a => a.Name == asset.Name);
        var same = asset.Name == ReleaseAssets.SumsName
            ? previous.Text == await File.ReadAllTextAsync(asset.Path, cancellationToken).ConfigureAwait(false)
            : previous.Sums.TryGetValue(asset.Name, out var sha) && sha == asset.Sha256;
        if (current is { State: "uploaded" } && same && current.Size == new FileInfo(asset.Path).Length)
        {
            return false;
        }

        if (current is not null)
        {
            await target.Client.Repository.Release.DeleteAsset(target.Owner, target.Name, current.Id).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var content = new FileStream(asset.Path, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var type = asset.Name.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : asset.Name.EndsWith(".tar.gz", StringComparison.Ordinal) ? "application/gzip"
            : asset.Name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/plain";
        try
        {
            await target.Client.Repository.Release.UploadAsset(release, new ReleaseAssetUpload(asset.Name, type, content, TimeSpan.FromMinutes(10)), cancellationToken).ConfigureAwait(false);
        }
        catch (ApiValidationException e) when (e.ApiError?.Errors?.Any(x => x.Code == "already_exists") == true)
        {
            throw new GitHubException($"the release {target.Tag} of {target.Where} already has an asset {asset.Name} that this run did not see (another run uploading at the same time?): "
                + "expected one run per release; the release stays a draft: run again to finish");
        }

        target.Log?.Invoke($"uploaded {asset.Name} ({asset.Sha256[..12]})");
        return true;
    }

    // The repository and tag a run works on, with its client and log.
    private sealed record ReleaseTarget(GitHubClient Client, string Owner, string Name, string Tag, string Where, Action<string>? Log);

    // GitHub creates a missing tag from the default branch when the release is published: a release of binaries built
    // from a tag that was never pushed would name a commit they were not built from. The documented endpoint
    // (git/ref/, singular) answers one ref or 404; Octokit's Reference.Get uses the legacy git/refs/ that lists prefixes.
    private static async Task RequireTagAsync(GitHubClient client, string owner, string name, string tag, CancellationToken cancellationToken)
    {
        var path = $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}/git/ref/tags/{string.Join('/', tag.Split('/').Select(Uri.EscapeDataString))}";
        try
        {
            await client.Connection.Get<Reference>(new Uri(path, UriKind.Relative), null).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            throw new GitHubException($"tag {tag} is not in {owner}/{name}: expected the tag the binaries were built from, pushed first (git push origin {tag}); nothing was created");
        }
    }

    // The token goes with each upload to where the release's upload_url says: only the API's own uploads origin may get it.
    private static void RequireUploadOrigin(GitHubClient client, Release release)
    {
        var expected = GitHubApi.UploadOrigin(client.Connection.BaseAddress);
        if (!Uri.TryCreate(release.UploadUrl, UriKind.Absolute, out var upload) || !GitHubApi.SameOrigin(upload, expected))
        {
            throw new GitHubAnswerException($"the release's upload_url is {Internal.LogText.Escape(release.UploadUrl ?? "(none)")}, expected one on {expected.GetLeftPart(UriPartial.Authority)} "
                + "(the token goes to no other origin); nothing was uploaded");
        }
    }

    // One line per failure the user can act on; the token never appears (Octokit's messages do not carry it).
    private static string? Reason(Exception e, string where, string tag) => e switch
    {
        GitHubAnswerException g => $"{where}: {g.Message}",
        FormatException or InvalidCastException or OverflowException or System.Runtime.Serialization.SerializationException => $"{where} gave an unexpected answer ({e.GetType().Name}: {Internal.LogText.Escape(e.Message)}): expected the GitHub REST API's shapes",
        NotFoundException => $"repository {where} not found (or the token cannot see it): check --repo and the token's access",
        AuthorizationException => $"{where} refused the token (401): expected a valid token in GITHUB_TOKEN or --token-env",
        ForbiddenException f => $"{where} forbids this (403: {f.Message}): expected a token with contents:write",
        ApiValidationException v => $"{where} rejected the release {tag} (422: {string.Join("; ", v.ApiError?.Errors?.Select(x => x.Message ?? x.Code) ?? [v.Message])})",
        ApiException a => $"{where} answered {(int)a.StatusCode}: {a.Message}",
        HttpRequestException h => $"cannot reach {where} ({h.Message.TrimEnd('.')})",
        TaskCanceledException when e.InnerException is TimeoutException => $"{where} did not answer in time",
        _ => null,
    };
}

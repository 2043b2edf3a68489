using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;
using Nuke.CrossBuild.Publish.Releases;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Publishes the cross-compiled binaries as a GitHub release (<c>--release-tag</c>, <c>--release-repository</c>): each
/// verified, one reproducible archive per platform with README and LICENSE, SHA256SUMS and the verification report,
/// a draft until every asset is up. The token comes from <c>GITHUB_TOKEN</c>, never from a parameter.
/// </summary>
public interface IReleaseBinaries : IVerifyBinaries
{
    /// <summary>Gets the tag to release, e.g. <c>v1.2.3</c>.</summary>
    [Parameter("Git tag to release, e.g. v1.2.3")]
    string ReleaseTag => TryGetValue(() => ReleaseTag);

    /// <summary>Gets the repository, <c>owner/name</c> (default: <c>GITHUB_REPOSITORY</c>).</summary>
    [Parameter("GitHub repository owner/name to release to (default: GITHUB_REPOSITORY)")]
    string? ReleaseRepository => TryGetValue(() => ReleaseRepository) ?? Environment.GetEnvironmentVariable("GITHUB_REPOSITORY");

    /// <summary>Gets the directory the archives are written to.</summary>
    AbsolutePath ReleaseDirectory => CrossBuildArtifactsDirectory / "release";

    /// <summary>Gets the settings the component starts from: repository and tag, the planned platforms, the Go build's output.</summary>
    sealed Configure<ReleaseSettings> ReleaseBinariesSettingsBase => _ =>
    {
        var settings = _.SetRelease(ReleaseRepository ?? string.Empty, ReleaseTag).SetPlatforms(Platforms).SetBinaries(GoOutputPattern)
            .SetSourceDirectory(RootDirectory).SetOutputDirectory(ReleaseDirectory);
        return settings with { RequireStatic = RequireStatic };
    };

    /// <summary>Gets the hook that adjusts the release (title, draft, GitHub Enterprise URL); applied after the base.</summary>
    Configure<ReleaseSettings> ReleaseBinariesSettings => _ => _;

    /// <summary>Gets the target that publishes the release.</summary>
    Target ReleaseBinaries => _ => _
        .Description("Publishes the verified binaries as a GitHub release (archives, SHA256SUMS, verification report)")
        .DependsOn(VerifyBinaries)
        .Requires(() => ReleaseTag)
        .Produces(ReleaseDirectory)
        .Executes(async () =>
        {
            var token = Environment.GetEnvironmentVariable("GITHUB_TOKEN") is { Length: > 0 } t ? t : throw new InputException("no token: expected one in GITHUB_TOKEN (a token with contents:write)");
            var release = await GitHubReleaseTasks.PublishAsync(Settings.Apply(new ReleaseSettings(), ReleaseBinariesSettingsBase, ReleaseBinariesSettings), token, ComponentLog.Write).ConfigureAwait(false);
            ComponentLog.Write($"release: {release.Url} ({release.Uploaded.Count} uploaded, {release.Kept.Count} kept)");
        });
}

using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Pushes the verified image to <c>--registry</c> (buildx reuses the cached build) and verifies what the registry now
/// serves. Credentials come from the docker config or the CROSSBUILD_REGISTRY_USERNAME/PASSWORD variables, never
/// from arguments.
/// </summary>
public interface IPublishImages : IVerifyImages
{
    /// <summary>Gets the registry to push to, <c>host[:port]</c>.</summary>
    [Parameter("Registry to push to, host[:port]")]
    string Registry => TryGetValue(() => Registry);

    /// <summary>Gets the pushed image's reference.</summary>
    string PublishedImage => $"{Registry}/{ImageRepository}:{ImageTag}";

    /// <summary>Gets the buildx settings for the push: the build's settings, tagged for the registry and pushed.</summary>
    sealed Configure<BuildxBuildSettings> PublishImagesSettingsBase => _ => Settings.Apply(_, BuildImagesSettingsBase, BuildImagesSettings)
        .SetTags(PublishedImage)
        .EnablePush();

    /// <summary>Gets the hook that adjusts the push (more tags, annotations, cache export...); applied after the base.</summary>
    Configure<BuildxBuildSettings> PublishImagesSettings => _ => _;

    /// <summary>Gets the target that publishes the image.</summary>
    Target PublishImages => _ => _
        .Description("Pushes the verified image to the registry and verifies what it serves")
        .DependsOn(VerifyImages)
        .Requires(() => Registry)
        .Executes(async () =>
        {
            var settings = Settings.Apply(new BuildxBuildSettings(), PublishImagesSettingsBase, PublishImagesSettings);
            var metadata = await BuildxTasks.BuildAsync(settings, line => ComponentLog.Write("buildx: " + line)).ConfigureAwait(false);
            using var source = await ImageSources.OpenAsync(PublishedImage).ConfigureAwait(false);
            var verification = await ImageVerifier.VerifyAsync(source, PlannedPlatforms, requireStatic: RequireStatic).ConfigureAwait(false);
            if (!verification.Ok)
            {
                throw new VerificationException(verification.Problems);
            }

            ComponentLog.Write($"published {PublishedImage}@{metadata.Digest}");
        });
}

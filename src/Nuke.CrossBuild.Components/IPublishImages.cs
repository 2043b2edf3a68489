using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Pushes the verified image to <c>--registry</c> (buildx reuses the cached build) and verifies what the registry now
/// serves. Credentials come from the docker config or the CROSSBUILD_REGISTRY_USERNAME/PASSWORD variables, never
/// from arguments. With <c>--sign-key</c> the key is checked before the push, and after it what the registry serves
/// under the digest buildx reported is verified and that digest signed (cosign's <c>.sig</c>, SLSA summaries under <c>.att</c>).
/// </summary>
public interface IPublishImages : IVerifyImages
{
    /// <summary>Gets the registry to push to, <c>host[:port]</c>.</summary>
    [Parameter("Registry to push to, host[:port]")]
    string Registry => TryGetValue(() => Registry);

    /// <summary>Gets the path of an ECDSA P-256 PKCS#8 PEM private key that signs the pushed image after it verified, or null for no signature.</summary>
    [Parameter("ECDSA P-256 PKCS#8 PEM private key file that signs the pushed image after it verified (cosign's .sig and .att)")]
    string SignKey => TryGetValue(() => SignKey);

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
            if (SignKey is { } key)
            {
                ImageSigningTasks.CheckKey(key); // a key that cannot sign fails before the push
            }

            var settings = Settings.Apply(new BuildxBuildSettings(), PublishImagesSettingsBase, PublishImagesSettings);
            var metadata = await BuildxTasks.BuildAsync(settings, line => ComponentLog.Write("buildx: " + line)).ConfigureAwait(false);
            // Read back pinned to the digest buildx reported (a tag can move meanwhile); by the tag only when it reported none.
            var pinned = metadata.Digest is { } digest ? $"{Registry}/{ImageRepository}@{digest}" : null;
            if (SignKey is { } signKey)
            {
                // One verification of what the registry serves under exactly that digest, which alone is signed if it passed.
                var target = pinned ?? throw new BuildxException("buildx reported no digest for the pushed image; nothing was signed");
                var signature = await ImageSigningTasks.VerifyAndSignAsync(target, PlannedPlatforms, RequireStatic, signKey).ConfigureAwait(false);
                ComponentLog.Write($"published {target}, signed ({signature})");
                return;
            }

            using var source = await ImageSources.OpenAsync(pinned ?? PublishedImage).ConfigureAwait(false);
            var verification = await ImageVerifier.VerifyAsync(source, PlannedPlatforms, requireStatic: RequireStatic).ConfigureAwait(false);
            if (!verification.Ok)
            {
                throw new VerificationException(verification.Problems);
            }

            ComponentLog.Write($"published {PublishedImage}@{metadata.Digest}");
        });
}

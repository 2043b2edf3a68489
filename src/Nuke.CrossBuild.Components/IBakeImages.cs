using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Builds several multi-platform images in ONE <c>docker buildx bake</c> (one BuildKit session; stages the images share
/// built once), each planned by the Dockerfile doctor, then verifies (and smoke-runs when asked) each image as
/// <see cref="IVerifyImages"/> does. The images come from <see cref="BakeImagesSettings"/>; an image given neither a push
/// nor a layout is written to <c>artifacts/oci/&lt;name&gt;</c>.
/// </summary>
public interface IBakeImages : IEnsureBuilder
{
    /// <summary>Gets the settings the component starts from: the builder's driver, no image.</summary>
    sealed Configure<ImageBakeSettings> BakeImagesSettingsBase => _ => _.SetDriver(BuilderDriver);

    /// <summary>Gets the hook that adds the images (<c>AddImage(name, settings)</c>); applied after the base.</summary>
    Configure<ImageBakeSettings> BakeImagesSettings => _ => _;

    /// <summary>Gets the target that bakes and verifies the images.</summary>
    Target BakeImages => _ => _
        .Description("Builds every image in one buildx bake, then verifies each image's platforms and binaries")
        .Executes(async () =>
        {
            var settings = Settings.Apply(new ImageBakeSettings(), BakeImagesSettingsBase, BakeImagesSettings);
            settings = settings with
            {
                Images = [.. settings.Images.Select(i => i.Value.Push || i.Value.PushByDigest || i.Value.OciLayout is not null ? i
                    : new(i.Key, i.Value.SetOciLayout(CrossBuildArtifactsDirectory / "oci" / i.Key)))],
            };
            var result = await ImageBakeTasks.RunAsync(settings, line => ComponentLog.Write(line)).ConfigureAwait(false);
            foreach (var (name, image) in result.Images)
            {
                foreach (var entry in image.Verification?.Entries ?? [])
                {
                    ComponentLog.Write($"{(entry.Ok ? "ok" : "FAILED")} {name} {entry.Platform}: {entry.Binary?.Report.ToString() ?? "no binary"}");
                }
            }

            if (!result.Succeeded)
            {
                throw new VerificationException([.. result.Images.SelectMany(i => i.Value.Problems.Select(p => $"{i.Key}: {p}"))]);
            }
        });
}

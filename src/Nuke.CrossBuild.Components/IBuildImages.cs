using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Dockerfiles;

namespace Nuke.CrossBuild.Components;

/// <summary>
/// Builds the multi-platform image with buildx into an OCI layout under <c>artifacts/oci/</c> (no registry needed),
/// after the builder and, only when the Dockerfile's build stage is emulated, the emulators.
/// </summary>
public interface IBuildImages : IEnsureBuilder, IEnsureEmulators
{
    /// <summary>Gets the image repository (default: the root directory's name).</summary>
    [Parameter("Image repository without registry, e.g. team/app (default: the root directory's name)")]
    string ImageRepository => TryGetValue(() => ImageRepository) ?? RootDirectory.Name.ToLowerInvariant();

    /// <summary>Gets the image tag (default <c>latest</c>).</summary>
    [Parameter("Image tag (default: latest)")]
    string ImageTag => TryGetValue(() => ImageTag) ?? "latest";

    /// <summary>Gets the Dockerfile, relative to the root or absolute (default <c>Dockerfile</c>).</summary>
    [Parameter("Dockerfile, relative to the root directory or absolute (default: Dockerfile)")]
    string Dockerfile => TryGetValue(() => Dockerfile) ?? "Dockerfile";

    /// <summary>Gets the OCI layout directory the image is written to.</summary>
    AbsolutePath ImageLayoutDirectory => CrossBuildArtifactsDirectory / "oci" / ImageRepository.Replace('/', '_');

    /// <summary>Gets whether the Dockerfile's build stage runs on the target platform (so under emulation), as the Dockerfile doctor reads it.</summary>
    bool IEnsureEmulators.EmulatesBuildStage => DockerfileDoctor.FileNeedsEmulation(Settings.UnderRoot(RootDirectory, Dockerfile));

    /// <summary>Gets the buildx settings the component starts from: context, Dockerfile, platforms, tag, plain progress, no provenance.</summary>
    sealed Configure<BuildxBuildSettings> BuildImagesSettingsBase => _ => _
        .SetContext(RootDirectory)
        .SetFile(Settings.UnderRoot(RootDirectory, Dockerfile))
        .SetPlatforms([.. PlannedPlatforms])
        .SetTags($"{ImageRepository}:{ImageTag}")
        .SetProgress("plain")
        .DisableProvenance();

    /// <summary>Gets the hook that adjusts the build (build args, contexts, caches, labels...); applied after the base.</summary>
    Configure<BuildxBuildSettings> BuildImagesSettings => _ => _;

    /// <summary>Gets the target that builds the image.</summary>
    Target BuildImages => _ => _
        .Description("Builds the multi-platform image into an OCI layout under artifacts/oci/")
        .DependsOn(EnsureBuilder, EnsureEmulators)
        .Produces(ImageLayoutDirectory)
        .Executes(async () =>
        {
            var settings = Settings.Apply(new BuildxBuildSettings(), BuildImagesSettingsBase, BuildImagesSettings);
            await BuildxTasks.BuildOciLayoutAsync(settings, ImageLayoutDirectory, line => ComponentLog.Write("buildx: " + line)).ConfigureAwait(false);
            ComponentLog.Write($"image: {ImageLayoutDirectory}");
        });
}

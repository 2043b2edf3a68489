namespace Nuke.CrossBuild.Pipelines;

/// <summary>
/// Immutable settings of <see cref="ImageBakeTasks"/>: several images, each with the settings <c>image build</c> takes,
/// built in ONE <c>docker buildx bake</c> and then each verified (and smoke-run) as <c>image build</c> verifies it.
/// </summary>
public sealed record ImageBakeSettings
{
    /// <summary>Gets the images by bake target name (<c>[a-zA-Z0-9_-]+</c>), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, ImagePipelineSettings>> Images { get; init; } = [];

    /// <summary>Gets the buildx driver of the one builder every image is baked on.</summary>
    public string Driver { get; init; } = "docker";
}

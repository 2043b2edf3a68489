namespace Nuke.CrossBuild.Pipelines;

/// <summary>What <see cref="ImageBakeTasks"/> did: each image's result, as <c>image build</c> reports it, and the bake's seconds.</summary>
public sealed record ImageBakeResult
{
    /// <summary>Gets each image's result by its target name, in the settings' order.</summary>
    public IReadOnlyList<KeyValuePair<string, PipelineResult>> Images { get; init; } = [];

    /// <summary>Gets the seconds of the bake (every image; the engine load after it included).</summary>
    public double BakeSeconds { get; init; }

    /// <summary>Gets whether every image was built, verified and (when asked) ran.</summary>
    public bool Succeeded => Images.All(i => i.Value.Succeeded);
}

namespace Nuke.CrossBuild.Buildx;

/// <summary>
/// One target of a <c>docker buildx bake</c> file: what one <c>docker buildx build</c> would build; change it with
/// <see cref="BakeTargetExtensions"/>. Its name must match bake's <c>[a-zA-Z0-9_-]+</c>.
/// </summary>
/// <param name="Name">The target's name.</param>
public sealed record BakeTarget(string Name)
{
    /// <summary>Gets the build context (path or URL), or null for bake's default <c>.</c>.</summary>
    public string? Context { get; init; }

    /// <summary>Gets the Dockerfile; bake reads a relative path from the context.</summary>
    public string? Dockerfile { get; init; }

    /// <summary>Gets the target stage (<c>target</c>).</summary>
    public string? Stage { get; init; }

    /// <summary>Gets the platforms, normalized through the platform table.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>Gets the build arguments (<c>args</c>), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; init; } = [];

    /// <summary>Gets the image names and tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the image labels.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>Gets the named build contexts (<c>contexts</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Contexts { get; init; } = [];

    /// <summary>Gets the cache sources (<c>cache-from</c>).</summary>
    public IReadOnlyList<BuildxCache> CacheFrom { get; init; } = [];

    /// <summary>Gets the cache destinations (<c>cache-to</c>).</summary>
    public IReadOnlyList<BuildxCache> CacheTo { get; init; } = [];

    /// <summary>Gets the exporters (<c>output</c>).</summary>
    public IReadOnlyList<BuildxOutput> Outputs { get; init; } = [];

    /// <summary>Gets the attestations (<c>attest</c>), e.g. <c>type=provenance,mode=max</c>, <c>type=sbom</c>.</summary>
    public IReadOnlyList<string> Attests { get; init; } = [];

    /// <summary>Gets the targets this one inherits from, in order (<c>inherits</c>).</summary>
    public IReadOnlyList<string> Inherits { get; init; } = [];

    /// <summary>Gets whether base images are always pulled, or null to leave it to inherited targets.</summary>
    public bool? Pull { get; init; }

    /// <summary>Gets whether the cache is ignored, or null to leave it to inherited targets.</summary>
    public bool? NoCache { get; init; }
}

namespace Nuke.CrossBuild.GitHub;

/// <summary>Tags and OCI labels for an image, as docker/metadata-action computes them from a GitHub run.</summary>
public sealed record ImageMetadata
{
    /// <summary>Gets the version: the highest-priority tag (empty when no rule produced one).</summary>
    public required string Version { get; init; }

    /// <summary>Gets the tag names, highest priority first (e.g. <c>1.2.3</c>, <c>1.2</c>, <c>latest</c>).</summary>
    public required IReadOnlyList<string> TagNames { get; init; }

    /// <summary>Gets the full references: each image with each tag name.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Gets the <c>org.opencontainers.image.*</c> labels (title, description, url, source, version, created, revision, licenses).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; }
}

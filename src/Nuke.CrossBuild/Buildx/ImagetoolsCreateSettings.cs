namespace Nuke.CrossBuild.Buildx;

/// <summary>Immutable settings of <c>docker buildx imagetools create</c>: merging per-platform images into one index.</summary>
public sealed record ImagetoolsCreateSettings
{
    /// <summary>Gets the source images or digests (<c>repo@sha256:…</c>).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Gets the tags of the new index (<c>--tag</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the annotations (<c>--annotation</c>, e.g. <c>index:org.opencontainers.image.version=1.0</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    /// <summary>Gets the platforms kept from the sources (<c>--platform</c>).</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>Gets whether sources are appended to the existing index (<c>--append</c>).</summary>
    public bool Append { get; init; }

    /// <summary>Gets whether the result is only printed (<c>--dry-run</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>Gets the builder (<c>--builder</c>).</summary>
    public string? Builder { get; init; }

    /// <summary>Gets where metadata is written (<c>--metadata-file</c>).</summary>
    public string? MetadataFile { get; init; }
}

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>A reference from one stage to others (FROM, COPY --from, RUN --mount from): the stages it can name, and whether a variable picks one per target (<c>runtime-$TARGETARCH</c>).</summary>
/// <param name="Line">The line of the instruction.</param>
/// <param name="Stages">The stages it can name.</param>
/// <param name="Templated">Whether a variable in the name picks the stage per target.</param>
internal sealed record StageReference(int Line, IReadOnlyList<int> Stages, bool Templated);

/// <summary>A <c>COPY --from</c>: where from, which paths, to where.</summary>
/// <param name="From">The stages it copies from (none for an image).</param>
/// <param name="Sources">The source paths (absolute in the source stage).</param>
/// <param name="Destination">The destination (absolute; ends with / for a directory).</param>
internal sealed record StageCopy(StageReference From, IReadOnlyList<string> Sources, string Destination);

/// <summary>One stage: its FROM (image resolved with global ARG defaults, platform flag, name), its base stage and what it copies.</summary>
internal sealed class DockerStage
{
    public required int Index { get; init; }

    public required int Line { get; init; }

    public string? Name { get; init; }

    /// <summary>Gets the image as written.</summary>
    public required string ImageText { get; init; }

    /// <summary>Gets the image with global ARG defaults substituted (variables without a default stay).</summary>
    public required string Image { get; init; }

    /// <summary>Gets the <c>--platform</c> value as written, or null.</summary>
    public string? Platform { get; init; }

    /// <summary>Gets the earlier stages the FROM names (empty for an image).</summary>
    public StageReference? Base { get; init; }

    public List<StageCopy> Copies { get; } = [];

    public List<StageReference> Mounts { get; } = [];

    public string Workdir { get; set; } = "/";

    /// <summary>Gets the platform as architecture when the stage is pinned to a constant one (<c>linux/arm64</c> → arm64), else null.</summary>
    public string? FixedArch => Platform is { } p && !p.Contains('$', StringComparison.Ordinal) && p.Split('/') is { Length: >= 2 } parts ? parts[1] : null;

    public bool OnBuildPlatform => Platform?.Contains("BUILDPLATFORM", StringComparison.Ordinal) == true || Platform?.Contains("BUILDARCH", StringComparison.Ordinal) == true;
}

namespace Nuke.CrossBuild.Buildx;

/// <summary>
/// Immutable settings of <c>docker buildx bake</c>: the targets and groups of its JSON file (rendered by
/// <see cref="BakeFile"/>) and the command's own options; change them with <see cref="BakeSettingsExtensions"/>.
/// </summary>
public sealed record BakeSettings
{
    /// <summary>Gets the targets, in order.</summary>
    public IReadOnlyList<BakeTarget> Targets { get; init; } = [];

    /// <summary>Gets the groups, in order.</summary>
    public IReadOnlyList<BakeGroup> Groups { get; init; } = [];

    /// <summary>Gets the targets or groups built; empty builds the <c>default</c> group.</summary>
    public IReadOnlyList<string> Build { get; init; } = [];

    /// <summary>Gets the builder instance (<c>--builder</c>).</summary>
    public string? Builder { get; init; }

    /// <summary>Gets whether every target is pushed (<c>--push</c>).</summary>
    public bool Push { get; init; }

    /// <summary>Gets whether every target is loaded into the engine (<c>--load</c>).</summary>
    public bool Load { get; init; }

    /// <summary>Gets the progress output (<c>--progress</c>: auto, plain, tty, quiet, rawjson).</summary>
    public string? Progress { get; init; }

    /// <summary>Gets where the per-target build metadata is written (<c>--metadata-file</c>).</summary>
    public string? MetadataFile { get; init; }

    /// <summary>Gets the environment for the docker process.</summary>
    public IReadOnlyDictionary<string, string> ProcessEnvironment { get; init; } = new Dictionary<string, string>();
}

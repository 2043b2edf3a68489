namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>Where a stage runs: on the build platform (<c>--platform=$BUILDPLATFORM</c>), a fixed platform, or the target (emulated).</summary>
internal enum StageKind
{
    Target,
    BuildPlatform,
    Fixed,
}

/// <summary>What the doctor knows of one stage while reading it: its kind, environment (ENV, and ARGs declared in it), the ARGs it declares, <c>go env -w</c> settings, WORKDIR, files written by COPY here-documents and tools copied from target-platform stages.</summary>
internal sealed class StageState(int index, string? name, StageKind kind, string platformText)
{
    public int Index { get; } = index;

    public string? Name { get; } = name;

    public StageKind Kind { get; } = kind;

    /// <summary>Gets the <c>--platform</c> value as written (for messages about fixed platforms).</summary>
    public string PlatformText { get; } = platformText;

    /// <summary>Gets the architecture of a stage pinned to a constant platform (<c>linux/arm64</c> → arm64), else null.</summary>
    public string? FixedArch => Kind == StageKind.Fixed && PlatformText.Split('/') is { Length: >= 2 } parts ? parts[1] : null;

    public Dictionary<string, BuildValue> Env { get; init; } = new(StringComparer.Ordinal);

    public HashSet<string> DeclaredArgs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, BuildValue> GoEnv { get; init; } = new(StringComparer.Ordinal);

    public string Workdir { get; set; } = "/";

    /// <summary>Gets the files a COPY here-document wrote, by absolute path.</summary>
    public Dictionary<string, string> Files { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the paths of programs copied from a stage that runs on the target platform.</summary>
    public HashSet<string> ForeignTools { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the Go minor version (1.<c>N</c>) the stage's toolchain is known to have, and where that is read from (the golang image's tag, an ARG GO_VERSION default); null when unknown.</summary>
    public (int Minor, string From)? GoVersion { get; set; }

    /// <summary>Gets whether the stage looks like a Go build stage (a Go image, or GO* settings).</summary>
    public bool IsGo { get; set; }
}

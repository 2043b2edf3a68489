namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>Where a stage runs: on the build platform (<c>--platform=$BUILDPLATFORM</c>), a fixed platform, or the target (emulated).</summary>
internal enum StageKind
{
    Target,
    BuildPlatform,
    Fixed,
}

/// <summary>What the doctor knows of one stage: its name and kind, its environment (ENV, and ARGs declared in it), the ARGs it declares, and <c>go env -w</c> settings.</summary>
internal sealed class StageState(string? name, StageKind kind, string platformText)
{
    public string? Name { get; } = name;

    public StageKind Kind { get; } = kind;

    /// <summary>Gets the <c>--platform</c> value as written (for messages about fixed platforms).</summary>
    public string PlatformText { get; } = platformText;

    public Dictionary<string, BuildValue> Env { get; init; } = new(StringComparer.Ordinal);

    public HashSet<string> DeclaredArgs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, BuildValue> GoEnv { get; init; } = new(StringComparer.Ordinal);
}

using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Matrix;

/// <summary>
/// Expands platform specs into a de-duplicated, ordered platform list: comma or space separated platforms and aliases,
/// presets (<c>all</c>, <c>common</c>, ...), wildcards (<c>linux/arm/*</c>) and exclusions (<c>!linux/386</c>). The same
/// expansion as <see cref="PlatformSelection.Expand"/>, which settings hold: use that; <see cref="Expand(IEnumerable{string})"/> only
/// forwards to it and is obsolete.
/// </summary>
public static class PlatformSpecs
{
    /// <summary>Gets the named presets and what they expand to.</summary>
    public static IReadOnlyDictionary<string, string> Presets => PlatformSpecExpansion.Presets;

    /// <summary>Expands specs into platforms, in order of first appearance, exclusions applied last.</summary>
    /// <param name="specs">Specs; each may hold several, separated by commas or spaces.</param>
    /// <returns>The platforms.</returns>
    /// <exception cref="UnsupportedPlatformException">The specs are empty, a spec names no known platform, or a wildcard matches none.</exception>
    [Obsolete("Use PlatformSelection.Of(specs).Expand() (Nuke.CrossBuild.Platforms): the same expansion, on the value settings hold.")]
    public static IReadOnlyList<Platform> Expand(IEnumerable<string> specs) => PlatformSpecExpansion.Expand(specs);

    /// <summary>Expands specs given as one string.</summary>
    /// <param name="specs">For example <c>"all,!linux/386"</c>.</param>
    /// <returns>The platforms.</returns>
    [Obsolete("Use PlatformSelection.Of([specs]).Expand() (Nuke.CrossBuild.Platforms): the same expansion, on the value settings hold.")]
    public static IReadOnlyList<Platform> Expand(string specs) => PlatformSpecExpansion.Expand([specs]);
}

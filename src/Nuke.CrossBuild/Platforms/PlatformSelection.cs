using System.Collections;
using System.Runtime.CompilerServices;

namespace Nuke.CrossBuild.Platforms;

/// <summary>
/// The platforms a step works on, as the user wrote them: platforms and aliases, presets (<c>all</c>, <c>common</c>, ...),
/// wildcards (<c>linux/arm/*</c>) and exclusions (<c>!linux/386</c>), comma or space separated; expanded in one place
/// (<see cref="Expand"/>). Two defaults, one each side of the matrix: a step that produces builds takes <see cref="Default"/>
/// (the <c>common</c> preset); a step that consumes the matrix's output (assembly, release, merge) takes
/// <see cref="AsBuilt"/>, the platforms the build produced binaries for, never a preset.
/// </summary>
[CollectionBuilder(typeof(PlatformSelection), nameof(Create))]
public sealed class PlatformSelection : IReadOnlyList<string>, IEquatable<PlatformSelection>
{
    /// <summary>The preset a producing step builds when given no platforms.</summary>
    public const string DefaultSpec = "common";

    private PlatformSelection(IReadOnlyList<string> specs) => Specs = specs;

    /// <summary>Gets the producers' default: the <see cref="DefaultSpec"/> preset.</summary>
    public static PlatformSelection Default { get; } = new([DefaultSpec]);

    /// <summary>Gets the consumers' default: no specs, meaning the platforms the matrix built (see <c>Verification.MatrixBinaries</c>).</summary>
    public static PlatformSelection AsBuilt { get; } = new([]);

    /// <summary>Gets the specs as given (blank ones dropped); empty for <see cref="AsBuilt"/>.</summary>
    public IReadOnlyList<string> Specs { get; }

    /// <summary>Gets whether this is <see cref="AsBuilt"/>: no specs, the platforms the matrix built.</summary>
    public bool IsAsBuilt => Specs.Count == 0;

    /// <summary>Makes a selection from specs; none (or only blank ones) is <see cref="AsBuilt"/>.</summary>
    /// <param name="specs">The specs, each may hold several.</param>
    /// <returns>The selection.</returns>
    public static PlatformSelection Of(IEnumerable<string>? specs)
    {
        var list = (specs ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
        return list.Count == 0 ? AsBuilt : new PlatformSelection(list);
    }

    /// <summary>Makes a selection of exactly these platforms.</summary>
    /// <param name="platforms">The platforms.</param>
    /// <returns>The selection.</returns>
    public static PlatformSelection Of(IEnumerable<Platform> platforms) => Of((platforms ?? throw new ArgumentNullException(nameof(platforms))).Select(p => p.ToString()));

    /// <summary>Makes a selection from a collection expression (<c>["linux/amd64", "linux/arm64"]</c>).</summary>
    /// <param name="specs">The specs.</param>
    /// <returns>The selection.</returns>
    public static PlatformSelection Create(ReadOnlySpan<string> specs) => Of(specs.ToArray());

    /// <summary>Expands the specs into platforms, in order of first appearance, exclusions applied last.</summary>
    /// <returns>The platforms.</returns>
    /// <exception cref="UnsupportedPlatformException">This is <see cref="AsBuilt"/>, a spec names no known platform, or a wildcard matches none.</exception>
    public IReadOnlyList<Platform> Expand() => PlatformSpecExpansion.Expand(Specs);

    /// <summary>Expands the specs, or for <see cref="AsBuilt"/> the fallback's.</summary>
    /// <param name="fallback">What no specs means here (e.g. <see cref="Default"/> for a step that produces builds).</param>
    /// <returns>The platforms.</returns>
    public IReadOnlyList<Platform> ExpandOr(PlatformSelection fallback) => (IsAsBuilt ? fallback ?? throw new ArgumentNullException(nameof(fallback)) : this).Expand();

    /// <inheritdoc/>
    public int Count => Specs.Count;

    /// <inheritdoc/>
    public string this[int index] => Specs[index];

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => Specs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(PlatformSelection? other) => other is not null && Specs.SequenceEqual(other.Specs, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PlatformSelection);

    /// <inheritdoc/>
    public override int GetHashCode() => Specs.Aggregate(0, (h, s) => HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(s)));

    /// <summary>Returns the specs, comma separated, or <c>(as built)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsAsBuilt ? "(as built)" : string.Join(',', Specs);
}

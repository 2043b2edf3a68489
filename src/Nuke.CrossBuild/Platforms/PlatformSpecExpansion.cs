using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Platforms;

/// <summary>
/// The one expansion of platform specs (<see cref="PlatformSelection.Expand"/>, <c>Matrix.PlatformSpecs</c>) into a de-duplicated, ordered platform list: comma or space separated platforms and aliases,
/// presets (<c>all</c>, <c>common</c>, ...), wildcards (<c>linux/arm/*</c>) and exclusions (<c>!linux/386</c>).
/// </summary>
internal static class PlatformSpecExpansion
{
    /// <summary>Gets the named presets and what they expand to.</summary>
    public static IReadOnlyDictionary<string, string> Presets { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["all"] = "linux/amd64 linux/arm64 linux/arm/v7 linux/arm/v6 linux/386 linux/ppc64le linux/s390x linux/riscv64",
        ["common"] = "linux/amd64 linux/arm64 linux/arm/v7",
        ["arm"] = "linux/arm64 linux/arm/v7 linux/arm/v6",
        ["go-first-class"] = "linux/amd64 linux/arm64 linux/arm/v7 linux/386 darwin/amd64 darwin/arm64 windows/amd64",
        ["distroless"] = "linux/amd64 linux/arm64 linux/arm/v7 linux/ppc64le linux/s390x",
    };

    /// <summary>Expands specs into platforms, in order of first appearance, exclusions applied last.</summary>
    /// <param name="specs">Specs; each may hold several, separated by commas or spaces.</param>
    /// <returns>The platforms.</returns>
    /// <exception cref="UnsupportedPlatformException">The specs are empty, a spec names no known platform, or a wildcard matches none.</exception>
    public static IReadOnlyList<Platform> Expand(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var included = new List<Platform>();
        var excluded = new HashSet<Platform>();
        var tokens = specs.SelectMany(s => (s ?? string.Empty).Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (tokens.Count == 0)
        {
            throw new UnsupportedPlatformException(string.Empty, "expected at least one platform (e.g. linux/arm64, or a preset such as common), got an empty or blank spec");
        }

        foreach (var token in tokens)
        {
            var exclude = token.StartsWith('!');
            var body = exclude ? token[1..] : token;
            var platforms = Resolve(body);
            if (exclude)
            {
                excluded.UnionWith(platforms);
            }
            else
            {
                included.AddRange(platforms);
            }
        }

        return [.. included.Distinct().Where(p => !excluded.Contains(p))];
    }

    /// <summary>Expands specs given as one string.</summary>
    /// <param name="specs">For example <c>"all,!linux/386"</c>.</param>
    /// <returns>The platforms.</returns>
    public static IReadOnlyList<Platform> Expand(string specs) => Expand([specs]);

    private static IEnumerable<Platform> Resolve(string token)
    {
        if (token.Length == 0)
        {
            throw new UnsupportedPlatformException("!", "an exclusion needs a platform after '!'");
        }

        if (Presets.TryGetValue(token.ToLowerInvariant(), out var preset))
        {
            return Expand(preset);
        }

        return token.Contains('*', StringComparison.Ordinal) || token.Contains('?', StringComparison.Ordinal) ? Wildcard(token) : [Platform.Parse(token)];
    }

    private static List<Platform> Wildcard(string pattern)
    {
        var segments = pattern.ToLowerInvariant().Split('/');
        if (segments.Length is < 2 or > 3)
        {
            throw new UnsupportedPlatformException(pattern, "a wildcard needs os/arch or os/arch/variant segments, e.g. linux/arm/*");
        }

        var regex = new Regex("^" + Regex.Escape(string.Join('/', segments)).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
        var matches = PlatformInfo.All
            .Select(i => i.Platform)
            .Where(p => segments.Length == 3 ? regex.IsMatch($"{p.Os}/{p.Architecture}/{p.Variant}") : IsDefaultVariant(p) && regex.IsMatch($"{p.Os}/{p.Architecture}"))
            .ToList();
        return matches.Count > 0 ? matches : throw new UnsupportedPlatformException(pattern, "the wildcard matches no known platform");
    }

    // With os/arch patterns only the architecture's default platform counts (linux/arm -> v7, amd64 without a level).
    private static bool IsDefaultVariant(Platform p) => p.Variant is null || (p.Architecture == "arm" && p.Variant == "v7");
}

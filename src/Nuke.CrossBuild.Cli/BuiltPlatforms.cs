using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Toolchains.Go;

namespace Nuke.CrossBuild.Cli;

/// <summary>
/// The platforms an earlier <c>crossbuild go build</c> wrote binaries for: every platform of the table whose place in the
/// binaries' output pattern holds its binary (with a name, that file; without, a file in the platform's directory). A
/// consuming command given no <c>--platforms</c> takes these (<see cref="PlatformsOption"/>).
/// </summary>
internal static class BuiltPlatforms
{
    /// <summary>Finds the platforms the pattern holds binaries for, in the platform table's order.</summary>
    /// <param name="pattern">The binaries' output pattern, as <c>go build -o</c> took it.</param>
    /// <param name="name">The binary's name, or null for any file in each platform's directory.</param>
    /// <param name="source">The directory relative patterns start from.</param>
    /// <exception cref="UsageException">No platform has a binary there, or one place fits platforms that cannot be told apart.</exception>
    public static IReadOnlyList<Platform> Find(string pattern, string? name, string source)
    {
        var found = PlatformInfo.All.Select(i => i.Platform)
            .Select(p => (Platform: p, Place: Place(pattern, name, source, p)))
            .Where(x => x.Place is not null && Holds(x.Place, name))
            .GroupBy(x => x.Place!, StringComparer.Ordinal)
            .Select(g => One(g.Key, [.. g.Select(x => x.Platform)]))
            .ToList();
        return found.Count > 0 ? found
            : throw new UsageException($"no binaries at {pattern}: expected crossbuild go build's output there for at least one platform; build it first, or name the platforms with --platforms");
    }

    // The binary's path (with a name) or its directory (without one: the pattern's last part must be {name}).
    private static string? Place(string pattern, string? name, string source, Platform platform)
    {
        if (name is not null)
        {
            return Path.GetFullPath(OutputPattern.Expand(pattern, platform, name), source);
        }

        const string marker = "name-b1d5a0c2";
        var expanded = Path.GetFullPath(OutputPattern.Expand(pattern, platform, marker), source);
        var directory = Path.GetDirectoryName(expanded)!;
        return Path.GetFileName(expanded).StartsWith(marker, StringComparison.Ordinal) && !directory.Contains(marker, StringComparison.Ordinal)
            ? directory
            : throw new UsageException($"the binaries pattern {pattern} does not end in /{{name}}: give the binary's name (--name)");
    }

    private static bool Holds(string place, string? name) => name is not null
        ? File.Exists(place)
        : Directory.Exists(place) && Directory.EnumerateFiles(place).Any(f => !Path.GetFileName(f).Contains(".tmp-", StringComparison.Ordinal));

    // Without {variant} in the pattern linux/arm/v6 and v7 share a place: the one a bare os/arch means (v7) is taken.
    private static Platform One(string place, IReadOnlyList<Platform> platforms)
    {
        if (platforms.Count == 1)
        {
            return platforms[0];
        }

        var usual = Platform.Parse($"{platforms[0].Os}/{platforms[0].Architecture}");
        return platforms.All(p => p.Os == usual.Os && p.Architecture == usual.Architecture) && platforms.Contains(usual) ? usual : throw new UsageException($"the binaries at {place} fit {string.Join(", ", platforms)}: expected one platform; name it with --platforms or put {{variant}} in the pattern");
    }
}

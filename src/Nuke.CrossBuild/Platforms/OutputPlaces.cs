namespace Nuke.CrossBuild.Platforms;

/// <summary>
/// Where the matrix's binaries are, the one rule: a platform's place in the output pattern holds its binary (with a
/// name, the pattern expanded with it; without, the one file in the platform's directory, the pattern ending in
/// <c>/{name}</c>), and the platforms built are those whose place holds one (<see cref="OutputPattern.Usual"/> where
/// several share a place).
/// </summary>
internal static class OutputPlaces
{
    /// <summary>Returns a platform's binary.</summary>
    /// <exception cref="BinaryNotFoundException">The binary is not there, or (without a name) its directory holds none or several.</exception>
    public static string Find(string pattern, string? name, string source, Platform platform)
    {
        var place = Place(pattern, name, source, platform);
        if (name is not null)
        {
            return File.Exists(place) ? place : throw new BinaryNotFoundException($"{platform}: expected the binary {place}, found nothing there (build it with crossbuild go build, or check --name and the pattern)");
        }

        var files = Files(place);
        return files.Count == 1
            ? files[0]
            : throw new BinaryNotFoundException($"{platform}: expected one binary in {place}, found {(files.Count == 0 ? "none" : string.Join(", ", files.Select(Path.GetFileName)))}; build it first or say which with --name");
    }

    /// <summary>Finds the platforms whose place holds a binary, in the platform table's order.</summary>
    /// <exception cref="CrossBuildException">No platform has a binary there, or one place fits platforms that cannot be told apart.</exception>
    public static IReadOnlyList<Platform> Built(string pattern, string? name, string source)
    {
        // Platforms share places (no {variant}: all arm levels; no {os}: every OS): each place is looked at once.
        var found = PlatformInfo.All.Select(i => i.Platform)
            .GroupBy(p => Place(pattern, name, source, p), StringComparer.Ordinal)
            .Where(g => name is not null ? File.Exists(g.Key) : Files(g.Key).Count > 0)
            .Select(g => OutputPattern.Usual([.. g])
                ?? throw new SettingsException($"the binaries at {g.Key} fit {string.Join(", ", g)}: expected one platform; name it with --platforms or put {{variant}} in the pattern"))
            .ToList();
        return found.Count > 0 ? found
            : throw new SettingsException($"no binaries at {pattern}: expected crossbuild go build's output there for at least one platform; build it first, or name the platforms with --platforms");
    }

    // The binary's path (with a name) or its directory (without one: the pattern's last part must be {name}).
    private static string Place(string pattern, string? name, string source, Platform platform)
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
            : throw new SettingsException($"the binaries pattern {pattern} does not end in /{{name}}: give the binary's name (--name)");
    }

    // A directory's binaries: its regular files but the Go build's half-written temporaries.
    private static List<string> Files(string directory) => Directory.Exists(directory)
        ? [.. Directory.GetFiles(directory).Where(f => !Path.GetFileName(f).Contains(".tmp-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
        : [];
}

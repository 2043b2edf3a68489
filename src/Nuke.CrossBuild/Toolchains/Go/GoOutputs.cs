using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>Finds the binaries the Go matrix wrote, by its output pattern (shared by the image assembler and releases).</summary>
internal static class GoOutputs
{
    /// <summary>Returns a platform's binary: the pattern expanded with the name, or without a name the one file in the platform's directory.</summary>
    public static string Find(string pattern, string? name, string source, Platform platform)
    {
        if (name is not null)
        {
            var path = Path.GetFullPath(OutputPattern.Expand(pattern, platform, name), source);
            return File.Exists(path) ? path : throw new CrossBuildException($"{platform}: expected the binary {path}, found nothing there (build it with crossbuild go build, or check --name and the pattern)");
        }

        // Without a name: the one regular file in the platform's directory (the pattern's last part must be {name}).
        var marker = $"name-{Guid.NewGuid():n}";
        var expanded = Path.GetFullPath(OutputPattern.Expand(pattern, platform, marker), source);
        var directory = Path.GetDirectoryName(expanded)!;
        if (!Path.GetFileName(expanded).StartsWith(marker, StringComparison.Ordinal) || directory.Contains(marker, StringComparison.Ordinal))
        {
            throw new CrossBuildException($"the binaries pattern {pattern} does not end in /{{name}}: give the binary's name (--name)");
        }

        var files = Directory.Exists(directory) ? Directory.GetFiles(directory).Where(f => !Path.GetFileName(f).Contains(".tmp-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList() : [];
        return files.Count == 1
            ? files[0]
            : throw new CrossBuildException($"{platform}: expected one binary in {directory}, found {(files.Count == 0 ? "none" : string.Join(", ", files.Select(Path.GetFileName)))}; build it first or say which with --name");
    }
}

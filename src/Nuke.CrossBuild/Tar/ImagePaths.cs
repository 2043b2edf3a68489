namespace Nuke.CrossBuild.Tar;

/// <summary>Checks paths inside an image as users give them (<c>--file src:/etc/ssl/certs/ca.pem</c>, <c>--workdir</c>).</summary>
internal static class ImagePaths
{
    /// <summary>0755: directories and programs.</summary>
    public const UnixFileMode Executable = (UnixFileMode)0b111_101_101;

    /// <summary>0644: data files.</summary>
    public const UnixFileMode Data = (UnixFileMode)0b110_100_100;

    /// <summary>Returns the path without its leading slash, as tar entries name it.</summary>
    /// <exception cref="InputException">The path is not absolute, has empty, <c>.</c> or <c>..</c> parts, a whiteout name, or is too long for a tar header.</exception>
    public static string Normalize(string path, string what)
    {
        var parts = path.Split('/');
        if (!path.StartsWith('/') || path.Length < 2 || parts.Skip(1).Any(p => p is "" or "." or ".." || p.StartsWith(".wh.", StringComparison.Ordinal)) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new InputException($"invalid {what} '{path}': expected an absolute path in the image like /etc/ssl/certs/ca-certificates.crt (no empty, '.', '..' or '.wh.' parts, no trailing '/')");
        }

        return path.Length > 250
            ? throw new InputException($"invalid {what}: expected at most 250 characters, got {path.Length}")
            : path[1..];
    }

    /// <summary>Returns every parent directory of the paths (without leading slash, ending in '/').</summary>
    public static IEnumerable<string> ParentsOf(IEnumerable<string> paths)
        => paths.SelectMany(p => Enumerable.Range(0, p.Length).Where(i => p[i] == '/').Select(i => p[..(i + 1)])).Distinct(StringComparer.Ordinal);
}

namespace Nuke.Common.IO;

/// <summary>
/// The path rules of NUKE 10.1.0's <c>PathConstruction</c> (Nuke.Utilities/IO/PathConstruction.cs) that
/// <see cref="AbsolutePath"/> relies on, written for the stand-in (not NUKE's code; internal, so not part of the
/// contract surface): a root is <c>/</c>, a drive (<c>C:</c>) or a UNC host (<c>\\server</c>) on every OS; <c>/</c> and
/// <c>\</c> both separate; the separator written is the root's (<c>\</c> for drives and UNC, <c>/</c> for Unix, the
/// OS's for relative paths); <c>.</c> and empty parts vanish, <c>..</c> removes its parent, and a <c>..</c> right after a
/// root throws; trailing separators go.
/// </summary>
internal static class PathRules
{
    private static readonly char[] Separators = ['\\', '/'];

    public static bool IsRooted(string path) => RootOf(path) is not null;

    public static bool IsDriveRoot(string text) => text is { Length: 2 } && char.IsLetter(text[0]) && text[1] == ':';

    public static bool IsUnixRoot(string text) => text == "/";

    public static bool IsUncRoot(string text) => text is { Length: >= 3 } && text.StartsWith(@"\\", StringComparison.Ordinal) && text.Skip(2).All(char.IsLetterOrDigit);

    public static bool HasDriveRoot(string path) => path is { Length: >= 2 } && IsDriveRoot(path[..2]);

    /// <summary>The root of a path (<c>/</c>, <c>C:</c>, <c>\\server</c>), or null for a relative one.</summary>
    public static string RootOf(string path)
    {
        if (path is null)
        {
            return null;
        }

        if (path.StartsWith('/'))
        {
            return "/";
        }

        if (HasDriveRoot(path))
        {
            return path[..2];
        }

        if (path.Length >= 3 && IsUncRoot(path[..3]))
        {
            var end = path.IndexOf('\\', 2);
            return end < 0 ? path : path[..end];
        }

        return null;
    }

    /// <summary>Normalizes a path as NUKE does; throws <see cref="ArgumentException"/> for a <c>..</c> above the root.</summary>
    public static string Normalize(string path)
    {
        path ??= string.Empty;
        var root = RootOf(path);
        var separator = SeparatorOf(root);
        var kept = new List<string>();
        foreach (var part in path[(root?.Length ?? 0)..].Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part != ".." || (kept.Count > 0 && kept[^1] != ".."))
            {
                if (part == "..")
                {
                    kept.RemoveAt(kept.Count - 1);
                }
                else
                {
                    kept.Add(part);
                }

                continue;
            }

            if (kept.Count == 0 && root is not null)
            {
                throw new ArgumentException($"Cannot normalize '{path}' beyond path root");
            }

            kept.Add(part);
        }

        return Join(root, string.Join(separator, kept));
    }

    /// <summary>Appends a relative path (NUKE's <c>/</c>); throws <see cref="ArgumentException"/> for a rooted one.</summary>
    public static string Join(string left, string right)
    {
        left = TrimEnd(left);
        right = TrimEnd(right);
        if (IsRooted(right))
        {
            throw new ArgumentException("Second path must not be rooted");
        }

        if (string.IsNullOrWhiteSpace(left))
        {
            return right;
        }

        if (string.IsNullOrWhiteSpace(right))
        {
            return IsDriveRoot(left) ? left + '\\' : left;
        }

        return IsUnixRoot(left) ? left + right : left + SeparatorOf(RootOf(left)) + right;
    }

    private static char SeparatorOf(string root) => root switch
    {
        null => Path.DirectorySeparatorChar,
        "/" => '/',
        _ => '\\',
    };

    private static string TrimEnd(string path) => path is null || IsUnixRoot(path) ? path : path.TrimEnd(Separators);
}

using System.Text.RegularExpressions;
using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Publish.Releases;

/// <summary>
/// Checks the names a release puts into file paths, archive entries and API routes before any of them is used: the tag
/// (git's check-ref-format rules, and no '/' since its version names files), the repository, and file names.
/// </summary>
internal static partial class ReleaseNames
{
    /// <summary>Throws unless the tag is a git tag whose version part can name a file.</summary>
    public static void CheckTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (TagProblem(tag) is { } problem)
        {
            throw new InputException($"invalid tag '{LogText.Escape(tag)}': {problem}; expected a git tag such as v1.2.3");
        }
    }

    /// <summary>Throws unless the repository is owner/name in GitHub's characters (never '.', '..' or a route's other parts).</summary>
    public static (string Owner, string Name) CheckRepository(string repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var parts = repository.Split('/');
        return parts.Length == 2 && parts.All(p => RepositoryPart().IsMatch(p) && p is not "." and not "..")
            ? (parts[0], parts[1])
            : throw new InputException($"invalid repository '{LogText.Escape(repository)}': expected owner/name (letters, digits, '.', '-', '_')");
    }

    /// <summary>Throws unless the name is one file name: no path separator (either kind), no '..', no control character.</summary>
    public static void CheckFileName(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > 255 || name is "." or ".." || name.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0 || LogText.HasUnsafe(name))
        {
            throw new InputException($"invalid {what} '{LogText.Escape(name)}': expected a file name without path separators ('/', '\\'), ':', wildcards or control characters");
        }
    }

    // git check-ref-format (refs/tags/<tag>), plus: no '/' (the version names the release's files) and no leading '-'.
    private static string? TagProblem(string tag) => tag switch
    {
        "" => "it is empty",
        "@" => "'@' alone is not a ref name",
        _ when LogText.HasUnsafe(tag) || tag.Any(c => c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\' or '\u007f') => "it holds a space, a control character or one of ~^:?*[\\",
        _ when tag.Contains("..", StringComparison.Ordinal) => "it holds '..'",
        _ when tag.Contains("@{", StringComparison.Ordinal) => "it holds '@{'",
        _ when tag.Contains('/', StringComparison.Ordinal) => "it holds '/' (the version part names the release's files)",
        _ when tag.StartsWith('.') || tag.StartsWith('-') => "it starts with '.' or '-'",
        _ when tag.EndsWith('.') || tag.EndsWith(".lock", StringComparison.Ordinal) => "it ends with '.' or '.lock'",
        _ when tag.Length > 200 => "it is longer than 200 characters",
        _ => null,
    };

    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial Regex RepositoryPart();
}

using System.Text;
using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Platforms;

/// <summary>
/// The output pattern of a matrix build (<c>dist/{platform}/{name}</c>, <c>bin/{os}_{arch}[_{variant}]/{name}[.exe]</c>):
/// expanded for a platform where binaries are written, and read back from a path to tell which platform a file is for.
/// Every stage that places or finds the matrix's files (the Go build, verification, assembly, releases) goes through here.
/// </summary>
public static class OutputPattern
{
    /// <summary>Expands an output pattern for a platform.</summary>
    /// <param name="pattern">For example <c>artifacts/bin/{os}_{arch}[_{variant}]/{name}[.exe]</c>.</param>
    /// <param name="platform">The target.</param>
    /// <param name="name">The binary name.</param>
    /// <returns>The path.</returns>
    public static string Expand(string pattern, Platform platform, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(platform);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["os"] = platform.Os, ["arch"] = platform.Architecture, ["variant"] = platform.Variant ?? string.Empty,
            ["platform"] = platform.ToSlug(), ["name"] = name,
        };
        var result = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '[' && pattern.IndexOf(']', i) is > 0 and var end)
            {
                var group = pattern[(i + 1)..end];
                var hasPlaceholder = group.Contains('{', StringComparison.Ordinal);
                var expanded = Expand(group, values, out var allSet);
                // A group with placeholders stays when they are all set; one without (like [.exe]) only for windows.
                if (hasPlaceholder ? allSet : platform.Os == "windows")
                {
                    result.Append(expanded);
                }

                i = end;
            }
            else
            {
                var close = pattern[i] == '{' ? pattern.IndexOf('}', i) : -1;
                if (close > 0)
                {
                    result.Append(Expand(pattern[i..(close + 1)], values, out _));
                    i = close;
                }
                else
                {
                    result.Append(pattern[i]);
                }
            }
        }

        return result.ToString();
    }

    private static string Expand(string text, Dictionary<string, string> values, out bool allSet)
    {
        allSet = true;
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var close = text[i] == '{' ? text.IndexOf('}', i) : -1;
            if (close < 0)
            {
                result.Append(text[i]);
                continue;
            }

            var key = text[(i + 1)..close];
            var value = values.TryGetValue(key, out var v) ? v : throw new InputException($"unknown placeholder {{{key}}} in output pattern; expected {{os}}, {{arch}}, {{variant}}, {{platform}} or {{name}}");
            allSet &= value.Length > 0;
            result.Append(value);
            i = close;
        }

        return result.ToString();
    }

    /// <summary>Finds the platform whose expansion of the pattern is the file's path.</summary>
    /// <param name="pattern">The output pattern.</param>
    /// <param name="file">The file (relative paths count from the current directory, as the pattern's do).</param>
    /// <returns>The platform.</returns>
    /// <exception cref="InputException">No platform, or more than one that cannot be told apart, expands to the path.</exception>
    public static Platform PlatformOf(string pattern, string file)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(file);
        var path = Path.GetFullPath(file);
        var names = NameOf(Path.GetFullPath(pattern), path) is { } name ? new[] { name } : [];
        var matches = PlatformInfo.All.Select(i => i.Platform)
            .Where(p => names.Any(n => Path.GetFullPath(Expand(pattern, p, n)) == path))
            .ToList();
        if (Usual(matches) is { } usual)
        {
            return usual;
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InputException($"file {file} does not match the output pattern {pattern}: expected a path the pattern gives for some platform"),
            _ => throw new InputException($"file {file} matches the output pattern {pattern} for {string.Join(", ", matches)}: expected one platform; put {{variant}} or {{platform}} in the pattern"),
        };
    }

    /// <summary>
    /// The usual variant rule, the one place it is written: platforms that share one place of a pattern without
    /// <c>{variant}</c> (<c>linux_arm</c> holds linux/arm/v6 and v7) mean the one a bare os/arch means (linux/arm/v7).
    /// </summary>
    /// <returns>That platform, the only one when there is one, or null when they cannot be told apart.</returns>
    internal static Platform? Usual(IReadOnlyList<Platform> sharing)
    {
        if (sharing.Count <= 1)
        {
            return sharing.Count == 1 ? sharing[0] : null;
        }

        var usual = Platform.Parse($"{sharing[0].Os}/{sharing[0].Architecture}");
        return sharing.All(p => p.Os == usual.Os && p.Architecture == usual.Architecture) && sharing.Contains(usual) ? usual : null;
    }

    // The {name} part of a path, read with the pattern turned into a regular expression (the expansion check above
    // then decides which platforms give exactly this path).
    private static string? NameOf(string pattern, string path)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var close = pattern[i] is '{' ? pattern.IndexOf('}', i) : pattern[i] is '[' ? pattern.IndexOf(']', i) : -1;
            if (close < 0)
            {
                regex.Append(Regex.Escape(pattern[i].ToString()));
                continue;
            }

            regex.Append(pattern[i] == '[' ? "(?:" + Group(pattern[(i + 1)..close]) + ")?" : Placeholder(pattern[(i + 1)..close]));
            i = close;
        }

        var match = Regex.Match(path, regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success && match.Groups["name"].Success ? match.Groups["name"].Value : null;

        static string Group(string text) => string.Concat(text.Split('{').Select((part, n) => n == 0 ? Regex.Escape(part)
            : part.IndexOf('}') is var end and >= 0 ? Placeholder(part[..end]) + Regex.Escape(part[(end + 1)..]) : Regex.Escape("{" + part)));

        // Placeholders other than {name} take only the values the platform table has, so a name may hold dashes.
        static string Placeholder(string key) => key switch
        {
            "name" => "(?<name>[^/]+?)",
            "os" => Any(PlatformInfo.All.Select(i => i.Platform.Os)),
            "arch" => Any(PlatformInfo.All.Select(i => i.Platform.Architecture)),
            "variant" => Any(PlatformInfo.All.Select(i => i.Platform.Variant ?? string.Empty)),
            "platform" => Any(PlatformInfo.All.Select(i => i.Platform.ToSlug())),
            _ => throw new InputException($"unknown placeholder {{{key}}} in output pattern; expected {{os}}, {{arch}}, {{variant}}, {{platform}} or {{name}}"),
        };

        static string Any(IEnumerable<string> values) => "(?:" + string.Join('|', values.Distinct().OrderByDescending(v => v.Length).Select(Regex.Escape)) + ")";
    }
}

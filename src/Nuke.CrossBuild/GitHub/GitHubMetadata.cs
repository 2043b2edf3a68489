using System.Globalization;
using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.GitHub;

/// <summary>
/// Computes image tags and OCI labels from a GitHub run the way docker/metadata-action does: branch, tag, pull request,
/// semver, sha, edge, schedule and raw rules with priorities, prefixes and suffixes, sanitized tag names, and
/// <c>latest</c> for release tags (<c>latest=auto</c>).
/// </summary>
public static partial class GitHubMetadata
{
    /// <summary>Computes the metadata.</summary>
    /// <param name="context">The run.</param>
    /// <param name="images">The image repositories, e.g. <c>ghcr.io/owner/app</c> (lowercased).</param>
    /// <param name="rules">The tag rules, or null for <see cref="TagRule.Defaults"/>.</param>
    /// <param name="latest"><c>auto</c> (latest for release tags), <c>true</c> or <c>false</c>.</param>
    /// <returns>The tags and labels.</returns>
    /// <exception cref="InputException"><paramref name="latest"/> is not auto, true or false.</exception>
    public static ImageMetadata Compute(GitHubContext context, IReadOnlyList<string> images, IReadOnlyList<TagRule>? rules = null, string latest = "auto")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(images);
        if (latest is not ("auto" or "true" or "false"))
        {
            throw new InputException($"invalid latest flavor: expected auto, true or false, got '{latest}'");
        }

        var produced = new List<(string Name, int Priority, bool Latest)>();
        foreach (var rule in rules ?? TagRule.Defaults)
        {
            if (rule.Get("enable", "true") == "false")
            {
                continue;
            }

            foreach (var (value, canBeLatest) in Values(rule, context))
            {
                var name = Sanitize(rule.Get("prefix", DefaultPrefix(rule)) + value + rule.Get("suffix"));
                produced.Add((name, rule.Priority, canBeLatest));
            }
        }

        var names = produced.Where(p => p.Name.Length > 0).OrderByDescending(p => p.Priority).Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        if ((latest == "true" || (latest == "auto" && produced.Any(p => p.Latest))) && !names.Contains("latest"))
        {
            names.Add("latest");
        }

        var version = names.FirstOrDefault(n => n != "latest") ?? names.FirstOrDefault() ?? string.Empty;
        var url = context.HtmlUrl ?? $"{context.ServerUrl}/{context.Repository}";
        return new ImageMetadata
        {
            Version = version,
            TagNames = names,
            Tags = [.. images.Select(i => i.Trim().ToLowerInvariant()).Where(i => i.Length > 0).SelectMany(i => names.Select(n => $"{i}:{n}"))],
            Labels =
            [
                new("org.opencontainers.image.title", context.Title ?? context.Repository.Split('/').Last()),
                new("org.opencontainers.image.description", context.Description ?? string.Empty),
                new("org.opencontainers.image.url", url),
                new("org.opencontainers.image.source", url),
                new("org.opencontainers.image.version", version),
                new("org.opencontainers.image.created", context.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                new("org.opencontainers.image.revision", context.Revision),
                new("org.opencontainers.image.licenses", context.License ?? string.Empty),
            ],
        };
    }

    /// <summary>Makes a valid tag: runs of characters other than letters, digits, <c>_ . -</c> become <c>-</c>; at most 128 characters.</summary>
    /// <param name="name">The raw name (e.g. a branch <c>feature/x</c>).</param>
    /// <returns>The tag.</returns>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tag = Invalid().Replace(name, "-");
        return tag.Length > 128 ? tag[..128] : tag;
    }

    private static IEnumerable<(string Value, bool Latest)> Values(TagRule rule, GitHubContext context)
    {
        const string heads = "refs/heads/", tags = "refs/tags/";
        var branch = context.Ref.StartsWith(heads, StringComparison.Ordinal) ? context.Ref[heads.Length..] : null;
        var tag = context.Ref.StartsWith(tags, StringComparison.Ordinal) ? context.Ref[tags.Length..] : null;
        switch (rule.Type)
        {
            case "schedule" when context.EventName == "schedule":
                yield return (ExpandDate(rule.Get("pattern", "nightly"), context.Timestamp), false);
                break;
            case "semver" when (rule.Get("value", tag ?? string.Empty)) is { Length: > 0 } raw && Semver().Match(raw) is { Success: true } v:
                var pattern = rule.Get("pattern", "{{version}}");
                var pre = v.Groups["pre"].Success;
                if (!pre || pattern.Contains("{{version}}", StringComparison.Ordinal) || pattern.Contains("{{raw}}", StringComparison.Ordinal))
                {
                    yield return (pattern.Replace("{{raw}}", raw, StringComparison.Ordinal).Replace("{{version}}", raw.TrimStart('v'), StringComparison.Ordinal)
                        .Replace("{{major}}", v.Groups["major"].Value, StringComparison.Ordinal).Replace("{{minor}}", v.Groups["minor"].Value, StringComparison.Ordinal)
                        .Replace("{{patch}}", v.Groups["patch"].Value, StringComparison.Ordinal), !pre);
                }

                break;
            case "edge" when branch is not null && branch == rule.Get("branch", context.DefaultBranch ?? string.Empty):
                yield return ("edge", false);
                break;
            case "ref" when rule.Get("event") == "branch" && branch is not null:
                yield return (branch, false);
                break;
            case "ref" when rule.Get("event") == "tag" && tag is not null:
                yield return (tag, true);
                break;
            case "ref" when rule.Get("event") == "pr" && PullNumber().Match(context.Ref) is { Success: true } pr:
                yield return (pr.Groups[1].Value, false);
                break;
            case "raw" when rule.Get("value") is { Length: > 0 } value:
                yield return (value, false);
                break;
            case "sha" when context.Revision.Length > 0:
                yield return (rule.Get("format", "short") == "long" ? context.Revision : context.Revision[..Math.Min(7, context.Revision.Length)], false);
                break;
        }
    }

    // metadata-action's defaults, used when the rule sets no prefix of its own.
    private static string DefaultPrefix(TagRule rule) => rule.Type switch
    {
        "sha" => "sha-",
        "ref" when rule.Get("event") == "pr" => "pr-",
        _ => string.Empty,
    };

    // {{date 'YYYYMMDD'}} with metadata-action's moment-style tokens.
    private static string ExpandDate(string pattern, DateTimeOffset time) => DatePattern().Replace(pattern, m => time.UtcDateTime.ToString(
        m.Groups[1].Value.Replace("YYYY", "yyyy", StringComparison.Ordinal).Replace("DD", "dd", StringComparison.Ordinal), CultureInfo.InvariantCulture));

    [GeneratedRegex("[^a-zA-Z0-9._-]+")]
    private static partial Regex Invalid();

    [GeneratedRegex(@"^v?(?<major>0|[1-9]\d*)\.(?<minor>0|[1-9]\d*)\.(?<patch>0|[1-9]\d*)(?:-(?<pre>[0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Semver();

    [GeneratedRegex(@"^refs/pull/(\d+)/")]
    private static partial Regex PullNumber();

    [GeneratedRegex(@"\{\{\s*date\s+'([^']*)'\s*\}\}")]
    private static partial Regex DatePattern();
}

namespace Nuke.CrossBuild.GitHub;

/// <summary>
/// One tag rule in docker/metadata-action's syntax, e.g. <c>type=semver,pattern={{major}}.{{minor}}</c>,
/// <c>type=ref,event=branch</c>, <c>type=sha,prefix=</c>, <c>type=raw,value=stable,enable=false</c>.
/// </summary>
/// <param name="Type">schedule, semver, edge, ref, raw or sha.</param>
/// <param name="Attributes">The other attributes, e.g. <c>event</c>, <c>pattern</c>, <c>value</c>, <c>prefix</c>, <c>priority</c>.</param>
public sealed record TagRule(string Type, IReadOnlyDictionary<string, string> Attributes)
{
    private static readonly string[] Types = ["schedule", "semver", "edge", "ref", "raw", "sha"];

    /// <summary>Gets the rules metadata-action uses when none are given.</summary>
    public static IReadOnlyList<TagRule> Defaults { get; } = [Parse("type=schedule"), Parse("type=ref,event=branch"), Parse("type=ref,event=tag"), Parse("type=ref,event=pr")];

    /// <summary>Gets the rule's priority: higher sorts first; the first tag is the version.</summary>
    public int Priority => Attributes.TryGetValue("priority", out var p) && int.TryParse(p, out var value) ? value : Type switch
    {
        "schedule" => 1000,
        "semver" => 900,
        "edge" => 700,
        "ref" => 600,
        "raw" => 200,
        _ => 100,
    };

    /// <summary>Parses a rule.</summary>
    /// <param name="text">The rule, comma-separated <c>key=value</c> pairs; a bare value means <c>type=raw,value=...</c>.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="InputException">The rule is malformed or names an unsupported type.</exception>
    public static TagRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('=', StringComparison.Ordinal))
        {
            return new TagRule("raw", new Dictionary<string, string>(StringComparer.Ordinal) { ["value"] = text.Trim() });
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in SplitOutsideBraces(text))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new InputException($"invalid tag rule '{text}': expected key=value pairs like type=semver,pattern={{{{version}}}}, got '{part}'");
            }

            attributes[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        var type = attributes.Remove("type", out var t) ? t : "raw";
        return Types.Contains(type)
            ? new TagRule(type, attributes)
            : throw new InputException($"invalid tag rule '{text}': expected type to be one of {string.Join(", ", Types)}, got '{type}'");
    }

    /// <summary>Returns an attribute or a default.</summary>
    /// <param name="name">The attribute.</param>
    /// <param name="fallback">The default.</param>
    /// <returns>The value.</returns>
    public string Get(string name, string fallback = "") => Attributes.TryGetValue(name, out var value) ? value : fallback;

    // Patterns hold commas only inside {{ }} (e.g. {{date 'YYYY,MM'}}); split on the others.
    private static IEnumerable<string> SplitOutsideBraces(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '{' ? 1 : text[i] == '}' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}

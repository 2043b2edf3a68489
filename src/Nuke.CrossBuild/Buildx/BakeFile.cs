using System.Text;
using System.Text.Json;

namespace Nuke.CrossBuild.Buildx;

/// <summary>
/// Renders <see cref="BakeSettings"/> as bake's JSON file format (a pure function, tested as text). Every value goes
/// through a JSON writer, and <c>${</c> and <c>%{</c> are doubled, since bake reads JSON strings as HCL templates: a
/// user's value is never interpolated.
/// </summary>
public static class BakeFile
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    /// <summary>Renders the file.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="SettingsException">A name bake refuses, a name used twice, or a group or inherits naming nothing defined.</exception>
    public static string Render(BakeSettings settings)
    {
        Validate(settings);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            if (settings.Groups.Count > 0)
            {
                json.WriteStartObject("group");
                foreach (var group in settings.Groups)
                {
                    json.WriteStartObject(group.Name);
                    Strings(json, "targets", group.Targets);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteStartObject("target");
            foreach (var target in settings.Targets)
            {
                Target(json, target);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Checks a target or group name against bake's <c>[a-zA-Z0-9_-]+</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The name.</returns>
    /// <exception cref="SettingsException">The name is empty or holds another character.</exception>
    public static string ValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? name
            : throw new SettingsException($"invalid bake target name '{Internal.LogText.Escape(name)}': expected letters, digits, '_' and '-' only");
    }

    private static void Validate(BakeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var names = settings.Targets.Select(t => t.Name).Concat(settings.Groups.Select(g => g.Name)).Select(ValidName).ToList();
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new SettingsException($"bake name '{twice.Key}' is used twice: expected each target and group to have its own name");
        }

        var references = settings.Groups.SelectMany(g => g.Targets).Concat(settings.Targets.SelectMany(t => t.Inherits)).Concat(settings.Build);
        if (references.FirstOrDefault(r => !names.Contains(ValidName(r), StringComparer.Ordinal)) is { } missing)
        {
            throw new SettingsException($"bake name '{missing}' is not defined: expected one of {string.Join(", ", names)}");
        }
    }

    private static void Target(Utf8JsonWriter json, BakeTarget target)
    {
        json.WriteStartObject(target.Name);
        Strings(json, "inherits", target.Inherits);
        String(json, "context", target.Context);
        String(json, "dockerfile", target.Dockerfile);
        String(json, "target", target.Stage);
        Strings(json, "platforms", target.Platforms);
        Map(json, "args", target.Args);
        Strings(json, "tags", target.Tags);
        Map(json, "labels", target.Labels);
        Map(json, "contexts", target.Contexts);
        Strings(json, "cache-from", target.CacheFrom.Select(c => c.ToString()).ToList());
        Strings(json, "cache-to", target.CacheTo.Select(c => c.ToString()).ToList());
        Strings(json, "output", target.Outputs.Select(o => o.ToString()).ToList());
        Strings(json, "attest", target.Attests);
        if (target.Pull is { } pull)
        {
            json.WriteBoolean("pull", pull);
        }

        if (target.NoCache is { } noCache)
        {
            json.WriteBoolean("no-cache", noCache);
        }

        json.WriteEndObject();
    }

    private static void String(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, Literal(value));
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(Literal(value));
        }

        json.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter json, string name, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            json.WriteString(Literal(key), Literal(value));
        }

        json.WriteEndObject();
    }

    // Bake reads JSON strings as HCL templates: "${" and "%{" start an interpolation or directive, "$${" and "%%{" are literal.
    private static string Literal(string value) => value.Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);
}

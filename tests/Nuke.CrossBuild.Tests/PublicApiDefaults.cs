using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Nuke.CrossBuild.Tests;

/// <summary>
/// The defaults a settings record starts with, as approved text: PublicApiGenerator shows parameter defaults but not
/// property initializers, so without this a changed default (<c>ReleaseSettings.Platforms</c>: <c>common</c> → as built)
/// would pass the approval. Every public record with a public parameterless constructor is created and its public
/// properties of plain types (text, numbers, flags, enums, time spans, lists of those) are written one per line.
/// </summary>
internal static class PublicApiDefaults
{
    public static string Of(Assembly assembly) => Of(assembly.GetExportedTypes());

    public static string Of(IEnumerable<Type> types)
    {
        var text = new StringBuilder();
        foreach (var type in types.Where(IsSettingsRecord).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var instance = Activator.CreateInstance(type)!;
            var lines = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
                .Select(p => (p.Name, Value: Format(p.GetValue(instance))))
                .Where(p => p.Value is not null)
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => $"    {p.Name} = {p.Value}");
            text.Append("new ").Append(type.FullName).Append("()\n");
            foreach (var line in lines)
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    // Settings, limits and options records: results (whose required members are null in a bare new T()) are not defaults.
    private static bool IsSettingsRecord(Type type) => type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
        && type.GetMethod("<Clone>$") is not null && type.GetConstructor(Type.EmptyTypes) is not null
        && (type.Name.EndsWith("Settings", StringComparison.Ordinal) || type.Name.EndsWith("Limits", StringComparison.Ordinal) || type.Name.EndsWith("Options", StringComparison.Ordinal));

    // Plain values only: anything else (a nested record, a dictionary of objects) would print its type name, not a default.
    private static string? Format(object? value) => value switch
    {
        null => "null",
        // The package's own version (the workflow's default tool) is named, so a version bump is no API change.
        string s when s == typeof(PublicApiDefaults).Assembly.GetName().Version?.ToString(3) || s == typeof(Nuke.CrossBuild.Platforms.Platform).Assembly.GetName().Version?.ToString(3) => "(this package's version)",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        Enum e => e.GetType().Name + "." + e,
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f when value.GetType().IsPrimitive => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items and not IDictionary => List(items),
        _ => null,
    };

    private static string? List(IEnumerable items)
    {
        var parts = items.Cast<object?>().Select(Format).ToList();
        return parts.Any(p => p is null) ? null : "[" + string.Join(", ", parts) + "]";
    }
}

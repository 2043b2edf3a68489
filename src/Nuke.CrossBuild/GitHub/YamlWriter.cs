using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.GitHub;

/// <summary>Writes block-style YAML from maps, lists and scalars; quotes a scalar whenever a plain one could be misread.</summary>
internal static partial class YamlWriter
{
    public static string Write(YamlMap document)
    {
        var text = new StringBuilder();
        WriteMap(text, document, 0);
        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent, bool firstInline = false)
    {
        for (var i = 0; i < map.Count; i++)
        {
            var (key, value) = map[i];
            text.Append(i == 0 && firstInline ? string.Empty : new string(' ', indent)).Append(key).Append(':');
            WriteValue(text, value, indent);
        }
    }

    private static void WriteValue(StringBuilder text, object value, int indent)
    {
        switch (value)
        {
            case YamlMap { Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlMap map:
                text.Append('\n');
                WriteMap(text, map, indent + 2);
                break;
            case string s when s.Contains('\n', StringComparison.Ordinal):
                text.Append(" |\n");
                foreach (var line in s.TrimEnd('\n').Split('\n'))
                {
                    text.Append(line.Length == 0 ? string.Empty : new string(' ', indent + 2) + line).Append('\n');
                }

                break;
            case System.Collections.IEnumerable list and not string:
                var items = list.Cast<object>().ToList();
                if (items.Count == 0)
                {
                    text.Append(" []\n");
                    break;
                }

                text.Append('\n');
                foreach (var item in items)
                {
                    text.Append(new string(' ', indent + 2)).Append("- ");
                    if (item is YamlMap itemMap)
                    {
                        WriteMap(text, itemMap, indent + 4, firstInline: true);
                    }
                    else
                    {
                        text.Append(Scalar(item)).Append('\n');
                    }
                }

                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    public static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int n => n.ToString(CultureInfo.InvariantCulture),
        string s when NeedsQuotes(s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        string s => s,
        _ => throw new ArgumentException($"cannot write {value.GetType().Name} as a YAML scalar", nameof(value)),
    };

    private static bool NeedsQuotes(string s) => s.Length == 0 || s != s.Trim() || Special().IsMatch(s) || s.Contains(": ", StringComparison.Ordinal)
        || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':') || Reserved().IsMatch(s) || s.Contains('\t', StringComparison.Ordinal);

    [GeneratedRegex(@"^([-?:,\[\]{}#&*!|>'""%@`]|- )")]
    private static partial Regex Special();

    [GeneratedRegex(@"^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();
}

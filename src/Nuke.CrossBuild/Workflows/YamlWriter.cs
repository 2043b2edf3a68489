using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Workflows;

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
            case string s when BlockSafe(s):
                // A literal block (readable run: scripts); the indentation indicator when the first line starts with a space,
                // else the parser would take that space as the block's indentation; "|-" keeps a value without a final break.
                var lines = s.TrimEnd('\n').Split('\n');
                var indicator = lines.FirstOrDefault(l => l.Length > 0) is { } first && first.StartsWith(' ') ? "2" : string.Empty;
                text.Append(" |").Append(indicator).Append(s.EndsWith('\n') ? string.Empty : "-").Append('\n');
                foreach (var line in lines)
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
        string s when Internal.LogText.HasUnsafe(s) || s.Contains('\n', StringComparison.Ordinal) => DoubleQuoted(s),
        string s when NeedsQuotes(s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        string s => s,
        _ => throw new ArgumentException($"cannot write {value.GetType().Name} as a YAML scalar", nameof(value)),
    };

    // A literal block holds only printable characters and LF line breaks (CR, NEL, U+2028 and U+2029 would break lines
    // of their own), no whitespace-only line (its indentation would be misread) and at most one final line break.
    private static bool BlockSafe(string s) => s.Contains('\n', StringComparison.Ordinal) && !s.EndsWith("\n\n", StringComparison.Ordinal)
        && !Internal.LogText.HasUnsafe(s.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\t", string.Empty, StringComparison.Ordinal))
        && s.Split('\n').All(l => l.Length == 0 || l.Trim().Length > 0) && !s.StartsWith('\n');

    // Double quotes with YAML's escapes: every line break and non-printable character is written as an escape sequence.
    private static string DoubleQuoted(string s)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u0085' => "\\N",
                '\u2028' => "\\L",
                '\u2029' => "\\P",
                _ when Internal.LogText.IsUnsafe(s, i) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    private static bool NeedsQuotes(string s) => s.Length == 0 || s != s.Trim() || Special().IsMatch(s) || s.Contains(": ", StringComparison.Ordinal)
        || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':') || Reserved().IsMatch(s) || s.Contains('\t', StringComparison.Ordinal);

    [GeneratedRegex(@"^([-?:,\[\]{}#&*!|>'""%@`]|- )")]
    private static partial Regex Special();

    // What a YAML 1.1 (PyYAML) or 1.2 reader types as no string. The words: booleans of either version in any case
    // (YAML 1.1 has y/n/yes/no/on/off), nulls, the merge key "<<" and the value key "=", infinities and NaN. Numbers and
    // timestamps all start with a digit, or a sign or a dot before one (1:20 is sexagesimal 80 in 1.1, 0755 octal,
    // 0b1010 binary, 0x_0A hex, 685.230_15e+03 a float, 2001-12-14 a date): such a string is quoted whole, even when no
    // reader would type it (10.0.x), since quoting a string never changes it.
    [GeneratedRegex(@"^(true|false|yes|no|on|off|y|n|null|~|<<|=|[-+]?\.(inf|nan)|[-+]?\.?[0-9].*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Reserved();
}

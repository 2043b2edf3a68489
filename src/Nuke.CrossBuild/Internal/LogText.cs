using System.Globalization;
using System.Text;

namespace Nuke.CrossBuild.Internal;

/// <summary>
/// Makes text from images, servers or users safe to print on one line: every line break (CR, LF, NEL, U+2028, U+2029),
/// control and format character (bidi overrides, BOM) and lone surrogate is escaped (<c>\n</c>, <c>\u2028</c>), so a value
/// can never start a new line that the GitHub Actions runner reads as a workflow command (<c>::add-mask::</c>) or hide text.
/// </summary>
internal static class LogText
{
    /// <summary>Whether a character needs escaping (a surrogate counts only when it has no partner).</summary>
    public static bool IsUnsafe(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        }

        return char.IsControl(c) || c is '\uFFFE' or '\uFFFF' || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;
    }

    /// <summary>Whether any character of the text needs escaping.</summary>
    public static bool HasUnsafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Escapes line breaks and other non-printable characters; anything else is kept as it is.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasUnsafe(text))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            escaped.Append(!IsUnsafe(text, i) ? c.ToString() : c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => $"\\u{(int)c:x4}",
            });
        }

        return escaped.ToString();
    }
}

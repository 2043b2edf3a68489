using System.ComponentModel;
using System.Globalization;

namespace Nuke.Common.IO;

/// <summary>
/// Stand-in for NUKE 10.1.0's <c>Nuke.Common.IO.AbsolutePath</c> (Nuke.Utilities/IO/AbsolutePath.cs): the members of the
/// class itself (the operations NUKE adds in extension classes are not declared), behaving as NUKE's do (pinned by
/// NukePathSpecs): every path is normalized by <see cref="PathRules"/> (trailing separators dropped, <c>..</c> past the
/// root refused, <c>\</c> read as a separator); <see cref="Create"/> keeps a relative path as given; the implicit
/// conversion from a string requires a rooted path ("Path '…' must be rooted") and <c>/</c> a relative right side
/// ("Second path must not be rooted"), both <see cref="ArgumentException"/>; the type converter resolves a relative
/// string against the working directory and converts null to null.
/// </summary>
[TypeConverter(typeof(TypeConverter))]
public class AbsolutePath : IAbsolutePathHolder, IFormattable
{
    public const string DoubleQuote = "d";
    public const string DoubleQuoteIfNeeded = "dn";
    public const string SingleQuote = "s";
    public const string SingleQuoteIfNeeded = "sn";
    public const string NoQuotes = "nq";

    private readonly string _path;

    private AbsolutePath(string path) => _path = PathRules.Normalize(path);

    AbsolutePath IAbsolutePathHolder.Path => this;

    public string Name => System.IO.Path.GetFileName(_path);

    public string NameWithoutExtension => System.IO.Path.GetFileNameWithoutExtension(_path);

    public string Extension => System.IO.Path.GetExtension(_path);

    public AbsolutePath Parent => PathRules.IsDriveRoot(_path.TrimEnd('\\')) || PathRules.IsUncRoot(_path) || PathRules.IsUnixRoot(_path) ? null : this / "..";

    public static AbsolutePath Create(string path) => new(path);

    public static implicit operator AbsolutePath(string path)
    {
        if (path is null)
        {
            return null;
        }

        return PathRules.IsRooted(path) ? new AbsolutePath(path) : throw new ArgumentException($"Path '{path}' must be rooted");
    }

    public static implicit operator string(AbsolutePath path) => path?.ToString();

    public static AbsolutePath operator /(AbsolutePath left, Range range) => range.Equals(Range.All) ? left.Parent : throw new ArgumentException("Expected condition to be true");

    public static AbsolutePath operator /(AbsolutePath left, string right)
        => new(PathRules.Join((left ?? throw new ArgumentException("Expected object of type 'Nuke.Common.IO.AbsolutePath' to be not null", nameof(left)))._path, right));

    public static AbsolutePath operator +(AbsolutePath left, string right) => new(left.ToString() + right);

    public static bool operator ==(AbsolutePath a, AbsolutePath b) => EqualityComparer<AbsolutePath>.Default.Equals(a, b);

    public static bool operator !=(AbsolutePath a, AbsolutePath b) => !EqualityComparer<AbsolutePath>.Default.Equals(a, b);

    protected bool Equals(AbsolutePath other)
        => string.Equals(_path, other?._path, PathRules.HasDriveRoot(_path) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    public override bool Equals(object obj) => obj is AbsolutePath other && obj.GetType() == GetType() && Equals(other);

    public override int GetHashCode() => _path?.GetHashCode() ?? 0;

    public override string ToString() => ((IFormattable)this).ToString(format: null, formatProvider: null);

    public string ToString(string format) => ((IFormattable)this).ToString(format, formatProvider: null);

    string IFormattable.ToString(string format, IFormatProvider formatProvider) => format switch
    {
        DoubleQuote => Quote(_path, '"'),
        DoubleQuoteIfNeeded => QuoteIfNeeded(_path, '"'),
        SingleQuote => Quote(_path, '\''),
        SingleQuoteIfNeeded => QuoteIfNeeded(_path, '\''),
        null or NoQuotes => _path,
        _ => throw new ArgumentException($"Format '{format}' is not recognized"),
    };

    // NUKE's String.Quoting.cs: quotes inside are escaped with a backslash; "if needed" means a space inside, and an
    // empty or blank path, or one already quoted, is left alone (blank becomes empty).
    private static string Quote(string text, char quote) => quote + text.Replace(quote.ToString(), "\\" + quote) + quote;

    private static string QuoteIfNeeded(string text, char quote)
        => string.IsNullOrWhiteSpace(text) ? string.Empty
            : text.StartsWith(quote) && text.EndsWith(quote) ? text
            : text.Contains(' ') ? Quote(text, quote) : text;

    /// <summary>NUKE's converter: a rooted string as is, a relative one under the working directory, null as null.</summary>
    public class TypeConverter : System.ComponentModel.TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override object ConvertFrom(ITypeDescriptorContext context, CultureInfo culture, object value)
            => value switch
            {
                string text when PathRules.IsRooted(text) => (AbsolutePath)text,
                string text => Create(Environment.CurrentDirectory) / text,
                null => null,
                _ => base.ConvertFrom(context, culture, value),
            };
    }
}

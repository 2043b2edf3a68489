using System.ComponentModel;
using System.Globalization;

namespace Nuke.Common.IO;

/// <summary>
/// Contract of NUKE's <c>Nuke.Common.IO.AbsolutePath</c> (Nuke.Utilities): the members of the class itself (the
/// operations NUKE adds in extension classes are not declared), with NUKE's rules where the components depend on them:
/// the implicit conversion from a string requires a rooted path ("Path '…' must be rooted"), <c>/</c> refuses a rooted
/// right side ("Second path must not be rooted"), both as <see cref="ArgumentException"/>; <see cref="Create"/> does not check.
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

    private AbsolutePath(string path) => _path = System.IO.Path.GetFullPath(path);

    AbsolutePath IAbsolutePathHolder.Path => this;

    public string Name => System.IO.Path.GetFileName(_path);

    public string NameWithoutExtension => System.IO.Path.GetFileNameWithoutExtension(_path);

    public string Extension => System.IO.Path.GetExtension(_path);

    public AbsolutePath Parent => _path == "/" ? null : this / "..";

    public static AbsolutePath Create(string path) => new(path);

    public static implicit operator AbsolutePath(string path)
    {
        if (path is null)
        {
            return null;
        }

        return System.IO.Path.IsPathRooted(path) ? new AbsolutePath(path) : throw new ArgumentException($"Path '{path}' must be rooted");
    }

    public static implicit operator string(AbsolutePath path) => path?.ToString();

    public static AbsolutePath operator /(AbsolutePath left, Range range) => range.Equals(Range.All) ? left.Parent : throw new ArgumentException("Expected condition to be true");

    public static AbsolutePath operator /(AbsolutePath left, string right)
        => !System.IO.Path.IsPathRooted(right ?? string.Empty) ? new(System.IO.Path.Combine(left._path, right ?? string.Empty)) : throw new ArgumentException("Second path must not be rooted");

    public static AbsolutePath operator +(AbsolutePath left, string right) => new(left.ToString() + right);

    public static bool operator ==(AbsolutePath a, AbsolutePath b) => EqualityComparer<AbsolutePath>.Default.Equals(a, b);

    public static bool operator !=(AbsolutePath a, AbsolutePath b) => !EqualityComparer<AbsolutePath>.Default.Equals(a, b);

    protected bool Equals(AbsolutePath other) => string.Equals(_path, other?._path, StringComparison.Ordinal);

    public override bool Equals(object obj) => obj is AbsolutePath other && obj.GetType() == GetType() && Equals(other);

    public override int GetHashCode() => _path?.GetHashCode() ?? 0;

    public override string ToString() => _path;

    public string ToString(string format) => ((IFormattable)this).ToString(format, formatProvider: null);

    string IFormattable.ToString(string format, IFormatProvider formatProvider) => format switch
    {
        DoubleQuote => $"\"{_path}\"",
        DoubleQuoteIfNeeded => _path.Contains(' ') ? $"\"{_path}\"" : _path,
        SingleQuote => $"'{_path}'",
        SingleQuoteIfNeeded => _path.Contains(' ') ? $"'{_path}'" : _path,
        null or NoQuotes => _path,
        _ => throw new ArgumentException($"Format '{format}' is not recognized"),
    };

    public class TypeConverter : System.ComponentModel.TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override object ConvertFrom(ITypeDescriptorContext context, CultureInfo culture, object value)
            => value is string text ? (System.IO.Path.IsPathRooted(text) ? (AbsolutePath)text : Create(text)) : base.ConvertFrom(context, culture, value);
    }
}

using System.Globalization;

namespace Nuke.CrossBuild.Cli;

/// <summary>Parses sizes given on the command line: bytes, or a number with K, M or G (powers of 1024).</summary>
internal static class ByteSize
{
    public static long Parse(string text, string option)
    {
        var trimmed = text.Trim().TrimEnd('B', 'b').TrimEnd('i');
        var (number, shift) = trimmed.Length > 0 && char.ToUpperInvariant(trimmed[^1]) is 'K' or 'M' or 'G' ? (trimmed[..^1], char.ToUpperInvariant(trimmed[^1]) switch { 'K' => 10, 'M' => 20, _ => 30 }) : (trimmed, 0);
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= long.MaxValue >> shift
            ? value << shift
            : throw new UsageException($"{option}: expected a size such as 512M or 1G, got '{text}'");
    }
}

using System.Buffers.Binary;
using System.Text;

namespace Nuke.CrossBuild.Streams;

/// <summary>
/// Reads what <see cref="TarHeaderGuardStream"/> needs from a 512-byte tar header (type and size, octal or GNU base-256)
/// and from a PAX block (its <c>size</c> record), the way System.Formats.Tar reads them; where the two could read a
/// block differently (a malformed record, a sign or spaces in a number), it refuses instead.
/// </summary>
internal static class TarHeaderBlock
{
    /// <summary>The size of a tar block.</summary>
    public const int Size = 512;

    private const int SizeField = 124, SizeLength = 12, ChecksumField = 148, ChecksumLength = 8, TypeField = 156, MagicField = 257, StarTrailerField = 508;

    /// <summary>Reads a header block: null when it ends the archive (TarReader stops there), else its type and data size.</summary>
    /// <exception cref="InvalidDataException">The block is not a valid header.</exception>
    public static (char Type, long DataSize)? Read(ReadOnlySpan<byte> block)
    {
        var checksumField = block.Slice(ChecksumField, ChecksumLength);
        if (!checksumField.ContainsAnyExcept((byte)0))
        {
            return null;
        }

        var checksum = Octal(checksumField, "checksum");
        if (checksum == 0)
        {
            return null;
        }

        var sum = 0L;
        for (var i = 0; i < Size; i++)
        {
            sum += i is >= ChecksumField and < ChecksumField + ChecksumLength ? ' ' : block[i];
        }

        if (sum != checksum)
        {
            throw new InvalidDataException($"expected a tar header with checksum {sum}, got {checksum}");
        }

        // Go's archive/tar (containerd, Docker) reads a ustar header ending in star's trailer with star's 131-byte prefix,
        // TarReader with ustar's 155 bytes: the same block names two different files, so it is refused.
        if (block.Slice(MagicField, 6).SequenceEqual("ustar\0"u8) && block.Slice(StarTrailerField, 4).SequenceEqual("tar\0"u8))
        {
            throw new InvalidDataException("expected a ustar, pax or gnu tar header, got a star header (\"tar\\0\" at byte 508): tar readers disagree on its file name");
        }

        return ((char)block[TypeField], Number(block.Slice(SizeField, SizeLength)));
    }

    /// <summary>Returns the data size a PAX block's <c>size</c> record gives the next entry, or null.</summary>
    /// <exception cref="InvalidDataException">A record is malformed, or the size is not plain decimal digits.</exception>
    public static long? PaxSize(ReadOnlySpan<byte> records)
    {
        long? size = null;
        while (records.Length > 0)
        {
            // As TarReader: the record ends at the first newline, and its length must count exactly that line.
            var newline = records.IndexOf((byte)'\n');
            var line = newline < 0 ? records : records[..newline];
            var space = line.IndexOf((byte)' ');
            var equals = space < 0 ? -1 : line[space..].IndexOf((byte)'=') + space;
            if (newline < 0 || space <= 0 || equals <= space || !Digits(line[..space], out var length) || length != newline + 1)
            {
                throw new InvalidDataException($"expected PAX records of the form \"length key=value\", got \"{Printable(line)}\"");
            }

            if (line[(space + 1)..equals].SequenceEqual("size"u8))
            {
                var value = line[(equals + 1)..];
                size = size is null && Digits(value, out var parsed)
                    ? parsed
                    : throw new InvalidDataException($"expected one PAX size record of decimal digits, got \"{Printable(value)}\"");
            }

            records = records[(newline + 1)..];
        }

        return size;
    }

    // TarHelpers.ParseNumeric: 0x80 a positive big-endian number, 0xff a negative one, else octal.
    private static long Number(ReadOnlySpan<byte> field)
    {
        if (field[0] is 0x80 or 0xff)
        {
            var value = field[0] == 0x80 && !field[1..^8].ContainsAnyExcept((byte)0) ? BinaryPrimitives.ReadInt64BigEndian(field[^8..]) : -1;
            return value >= 0 ? value : throw new InvalidDataException("expected a tar size of at most 2^63-1 bytes, got a negative or larger base-256 number");
        }

        return Octal(field, "size");
    }

    // TarHelpers.ParseOctal: up to the first NUL, spaces trimmed, digits 0-7.
    private static long Octal(ReadOnlySpan<byte> field, string what)
    {
        var end = field.IndexOf((byte)0);
        var digits = (end < 0 ? field : field[..end]).Trim((byte)' ');
        long value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'7' || value > (long.MaxValue >> 3))
            {
                throw new InvalidDataException($"expected an octal tar {what} field, got \"{Printable(field)}\"");
            }

            value = (value << 3) + (b - '0');
        }

        return value;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9' || value > (long.MaxValue - 9) / 10)
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return text.Length > 0;
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes[..Math.Min(bytes.Length, 40)])
        {
            text.Append(b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\' ? (char)b : '?');
        }

        return bytes.Length > 40 ? text.Append('…').ToString() : text.ToString();
    }
}

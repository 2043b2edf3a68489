using System.Buffers.Binary;

namespace Nuke.CrossBuild.Verification;

/// <summary>Raised by the readers when a file's structure is broken; turned into a one-line reason, never shown as a stack.</summary>
internal sealed class CorruptBinaryException(string message) : Exception(message);

/// <summary>Bounded random access to an untrusted file: every read is range-checked and capped.</summary>
internal sealed class ByteSource(Stream stream, bool bigEndian = false)
{
    /// <summary>The most bytes one read may ask for (a section, a string table).</summary>
    public const int MaxRead = 16 * 1024 * 1024;

    public long Length { get; } = stream.Length;

    public bool BigEndian { get; set; } = bigEndian;

    public byte[] Read(long offset, long count, string what)
    {
        if (offset < 0 || count < 0 || count > MaxRead || offset > Length || count > Length - offset)
        {
            throw new CorruptBinaryException($"{what} at offset {offset} (+{count} bytes) lies outside the file ({Length} bytes)");
        }

        var buffer = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }

    public ushort U16(ReadOnlySpan<byte> data, int at) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[at..]);

    public uint U32(ReadOnlySpan<byte> data, int at) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);

    public ulong U64(ReadOnlySpan<byte> data, int at) => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(data[at..]) : BinaryPrimitives.ReadUInt64LittleEndian(data[at..]);

    /// <summary>Reads a word of the file's class (32 or 64 bits).</summary>
    public ulong Word(ReadOnlySpan<byte> data, int at, bool is64) => is64 ? U64(data, at) : U32(data, at);

    /// <summary>Reads a NUL-terminated string at an offset of a buffer, capped at the buffer's end.</summary>
    public static string CString(ReadOnlySpan<byte> data, long at)
    {
        if (at < 0 || at >= data.Length)
        {
            throw new CorruptBinaryException($"string offset {at} lies outside its table ({data.Length} bytes)");
        }

        var rest = data[(int)at..];
        var end = rest.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? rest : rest[..end]);
    }

    /// <summary>Converts an untrusted 64-bit size or offset to a long, refusing absurd values.</summary>
    public static long Checked(ulong value, string what)
        => value > long.MaxValue ? throw new CorruptBinaryException($"{what} {value} is out of range") : (long)value;
}

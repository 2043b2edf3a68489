using System.Buffers.Binary;
using System.Text;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>Hand-made tar blocks for hostile archives TarWriter refuses to write (huge metadata, base-256 or negative sizes, PAX size records).</summary>
internal static class RawTar
{
    public const int Block = 512;

    /// <summary>A ustar header with a correct checksum; the size is octal, or base-256 (GNU) when asked.</summary>
    public static byte[] Header(string name, char type, long size, bool base256 = false)
    {
        var header = new byte[Block];
        Encoding.UTF8.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 116);
        if (base256)
        {
            header[124] = 0x80;
            BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(128, 8), size);
        }
        else if (size < 0)
        {
            header[124] = 0xff;
            header.AsSpan(125, 3).Fill(0xff);
            BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(128, 8), size);
        }
        else
        {
            Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        }

        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header, 136);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
        return Checksummed(header);
    }

    /// <summary>Sets a header's checksum field from its bytes.</summary>
    public static byte[] Checksummed(byte[] header)
    {
        header.AsSpan(148, 8).Fill((byte)' ');
        var sum = header.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        return header;
    }

    /// <summary>One PAX record, <c>"%d key=value\n"</c>, its length counting itself.</summary>
    public static byte[] PaxRecord(string key, string value)
    {
        var body = Encoding.UTF8.GetByteCount($" {key}={value}\n");
        var length = body + 1;
        while (length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + body != length)
        {
            length++;
        }

        return Encoding.UTF8.GetBytes($"{length} {key}={value}\n");
    }

    /// <summary>The zero bytes that pad <paramref name="size"/> bytes of data to a whole block.</summary>
    public static byte[] Padding(long size) => new byte[(Block - (size % Block)) % Block];

    /// <summary>The two zero blocks that end an archive.</summary>
    public static byte[] End() => new byte[2 * Block];

    /// <summary>Writes a PAX 'x' header whose <c>path</c> is <paramref name="length"/> characters, streamed (no copy in memory), then a small file it names and the end.</summary>
    public static void WriteHugePaxPath(Stream output, int length)
    {
        var prefix = Encoding.ASCII.GetBytes($"{RecordLength(length)} path=");
        var size = prefix.Length + length + 1L;
        output.Write(Header("PaxHeaders/huge", 'x', size));
        output.Write(prefix);
        var chunk = new byte[1 << 20];
        chunk.AsSpan().Fill((byte)'a');
        for (var left = length; left > 0; left -= chunk.Length)
        {
            output.Write(chunk, 0, Math.Min(left, chunk.Length));
        }

        output.Write("\n"u8);
        output.Write(Padding(size));
        output.Write(Header("short", '0', 0));
        output.Write(End());
    }

    private static long RecordLength(int pathLength)
    {
        long body = " path=".Length + pathLength + 1;
        var length = body + 1;
        while (length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + body != length)
        {
            length++;
        }

        return length;
    }
}

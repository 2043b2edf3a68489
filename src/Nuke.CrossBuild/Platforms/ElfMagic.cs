using System.Text;

namespace Nuke.CrossBuild.Platforms;

/// <summary>The first 20 bytes of an ELF executable for a binary identity, as binfmt_misc matches them.</summary>
internal static class ElfMagic
{
    public static byte[] Bytes(BinaryIdentity identity)
    {
        var bytes = new byte[20];
        "\u007fELF"u8.CopyTo(bytes);
        bytes[4] = (byte)(identity.Class == 64 ? 2 : 1);
        bytes[5] = (byte)(identity.Endianness == Endianness.Little ? 1 : 2);
        bytes[6] = 1;
        Write16(bytes, 16, 2, identity.Endianness); // e_type ET_EXEC
        Write16(bytes, 18, identity.Machine, identity.Endianness);
        return bytes;
    }

    public static string Format(BinaryIdentity identity) => Escape(Bytes(identity));

    public static string Escape(IEnumerable<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static void Write16(byte[] bytes, int offset, int value, Endianness endianness)
    {
        var (first, second) = ((byte)(value & 0xff), (byte)(value >> 8));
        (bytes[offset], bytes[offset + 1]) = endianness == Endianness.Little ? (first, second) : (second, first);
    }
}

using System.Buffers.Binary;

namespace Nuke.CrossBuild.Verification;

/// <summary>The two facts of an ELF <c>.ARM.attributes</c> section verification uses: the CPU architecture and the float ABI.</summary>
internal sealed record ArmAttributes(int? CpuArch, int? VfpArgs)
{
    private const int TagCpuArch = 6, TagAbiVfpArgs = 28;

    /// <summary>Gets the ARM architecture level (4 to 8) Tag_CPU_arch names.</summary>
    public int? CpuArchLevel => CpuArch switch
    {
        null => null,
        1 or 2 => 4,
        3 or 4 or 5 => 5,
        6 or 7 or 8 or 9 or 11 or 12 => 6,
        10 or 13 => 7,
        >= 14 => 8,
        _ => null,
    };

    public static ArmAttributes? Parse(byte[] data, bool bigEndian)
    {
        if (data.Length < 5 || data[0] != (byte)'A')
        {
            return null;
        }

        int? cpuArch = null, vfpArgs = null;
        var at = 1;
        while (at + 4 <= data.Length)
        {
            var length = (int)Math.Min(U32(data, at, bigEndian), (uint)(data.Length - at));
            if (length < 5)
            {
                break;
            }

            var end = at + length;
            var vendorEnd = Array.IndexOf(data, (byte)0, at + 4, end - at - 4);
            if (vendorEnd > 0 && System.Text.Encoding.ASCII.GetString(data, at + 4, vendorEnd - at - 4) == "aeabi")
            {
                ReadSubsections(data, vendorEnd + 1, end, bigEndian, ref cpuArch, ref vfpArgs);
            }

            at = end;
        }

        return new ArmAttributes(cpuArch, vfpArgs);
    }

    private static void ReadSubsections(byte[] data, int at, int end, bool bigEndian, ref int? cpuArch, ref int? vfpArgs)
    {
        while (at + 5 <= end)
        {
            var tag = data[at];
            var size = (int)Math.Min(U32(data, at + 1, bigEndian), (uint)(end - at));
            if (size < 5)
            {
                return;
            }

            if (tag == 1) // Tag_File: attributes of the whole file
            {
                ReadAttributes(data, at + 5, at + size, ref cpuArch, ref vfpArgs);
            }

            at += size;
        }
    }

    private static void ReadAttributes(byte[] data, int at, int end, ref int? cpuArch, ref int? vfpArgs)
    {
        while (at < end)
        {
            var tag = Uleb(data, ref at, end);
            if (tag is 4 or 5 or 67 || (tag > 32 && tag % 2 == 1))
            {
                SkipString(data, ref at, end);
            }
            else if (tag == 32)
            {
                _ = Uleb(data, ref at, end);
                SkipString(data, ref at, end);
            }
            else
            {
                var value = Uleb(data, ref at, end);
                if (tag == TagCpuArch)
                {
                    cpuArch = (int)Math.Min(value, int.MaxValue);
                }
                else if (tag == TagAbiVfpArgs)
                {
                    vfpArgs = (int)Math.Min(value, int.MaxValue);
                }
            }
        }
    }

    private static ulong Uleb(byte[] data, ref int at, int end)
    {
        ulong value = 0;
        for (var shift = 0; at < end && shift < 64; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return value;
    }

    private static void SkipString(byte[] data, ref int at, int end)
    {
        while (at < end && data[at] != 0)
        {
            at++;
        }

        at++;
    }

    private static uint U32(byte[] data, int at, bool bigEndian)
        => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));
}

using System.Buffers.Binary;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>Reads Mach-O headers (thin and fat): CPU type, dylinker, dylibs and the Go build info section.</summary>
internal static class MachOReader
{
    private const int MaxFatArchs = 32, MaxCommands = 4096;

    public static bool IsFat(ReadOnlySpan<byte> head) => head.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(head) == 0xcafebabe
        && BinaryPrimitives.ReadUInt32BigEndian(head[4..]) is > 0 and <= MaxFatArchs; // Java class files share the magic but have a large version here

    public static bool IsThin(ReadOnlySpan<byte> head) => head.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) is 0xfeedface or 0xfeedfacf or 0xcefaedfe or 0xcffaedfe;

    public static BinaryReport Read(string file, ByteSource src, ReadOnlySpan<byte> head)
    {
        if (!IsFat(head))
        {
            return ReadThin(file, src, 0) with { };
        }

        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(head[4..]);
        var table = src.Read(8, count * 20L, "fat architecture table");
        var slices = new List<BinaryReport>();
        for (var i = 0; i < count; i++)
        {
            var offset = BinaryPrimitives.ReadUInt32BigEndian(table.AsSpan((i * 20) + 8));
            slices.Add(ReadThin(file, src, offset));
        }

        return slices[0] with { Kind = $"universal binary with {count} architectures", FatSlices = [.. slices.Select(s => s.Identity!)], Slices = slices };
    }

    private static BinaryReport ReadThin(string file, ByteSource src, long start)
    {
        var magic = src.Read(start, 4, "Mach-O magic");
        var word = BinaryPrimitives.ReadUInt32LittleEndian(magic);
        src.BigEndian = word is 0xcefaedfe or 0xcffaedfe;
        var is64 = word is 0xfeedfacf or 0xcffaedfe;
        if (word is not (0xfeedface or 0xfeedfacf or 0xcefaedfe or 0xcffaedfe))
        {
            throw new CorruptBinaryException($"slice at offset {start} is not Mach-O");
        }

        var h = src.Read(start, is64 ? 32 : 28, "Mach-O header");
        var cpuType = (int)src.U32(h, 4);
        var fileType = src.U32(h, 12);
        var commands = (int)Math.Min(src.U32(h, 16), MaxCommands);
        var commandBytes = src.Read(start + h.Length, Math.Min(src.U32(h, 20), ByteSource.MaxRead), "load commands");
        string? dylinker = null;
        var dylibs = new List<string>();
        GoBuildInfo? go = null;
        for (int i = 0, at = 0; i < commands && at + 8 <= commandBytes.Length; i++)
        {
            var cmd = src.U32(commandBytes, at);
            var size = (int)src.U32(commandBytes, at + 4);
            if (size < 8 || at + size > commandBytes.Length)
            {
                throw new CorruptBinaryException($"load command {i} has size {size}");
            }

            var body = commandBytes.AsSpan(at, size);
            switch (cmd)
            {
                case 0xe: dylinker = ByteSource.CString(body, src.U32(body, 8)); break;
                case 0xc or 0x80000018 or 0x8000001f: dylibs.Add(ByteSource.CString(body, src.U32(body, 8))); break;
                case 0x19 or 0x1: go ??= FindGoSection(src, start, body, cmd == 0x19); break;
            }

            at += size;
        }

        return new BinaryReport
        {
            File = file,
            Format = BinaryFormat.MachO,
            Os = "darwin",
            Identity = new BinaryIdentity(BinaryFormat.MachO, is64 ? 64 : 32, src.BigEndian ? Endianness.Big : Endianness.Little, cpuType),
            Kind = fileType switch { 1 => "object", 2 => "executable", 6 => "dynamically linked shared library", 8 => "bundle", _ => $"filetype {fileType}" },
            Interpreter = dylinker,
            Needed = dylibs,
            Go = go,
        };
    }

    private static GoBuildInfo? FindGoSection(ByteSource src, long start, ReadOnlySpan<byte> segment, bool is64)
    {
        var (countAt, first, size) = is64 ? (64, 72, 80) : (48, 56, 68);
        if (segment.Length < first)
        {
            return null;
        }

        var count = src.U32(segment, countAt);
        for (var i = 0; i < count && first + ((i + 1) * size) <= segment.Length; i++)
        {
            var section = segment.Slice(first + (i * size), size);
            if (ByteSource.CString(section[..16].ToArray().Append((byte)0).ToArray(), 0) != "__go_buildinfo")
            {
                continue;
            }

            var length = is64 ? ByteSource.Checked(src.U64(section, 40), "section size") : src.U32(section, 36);
            var offset = src.U32(section, is64 ? 48 : 40);
            return GoBuildInfoParser.Parse(src.Read(start + offset, Math.Min(length, GoBuildInfoParser.MaxSize), "__go_buildinfo"));
        }

        return null;
    }
}

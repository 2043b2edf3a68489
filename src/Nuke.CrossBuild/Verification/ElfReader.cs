using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>Reads the parts of an ELF file verification needs: header, program headers, dynamic section, a few sections.</summary>
internal static class ElfReader
{
    private const int MaxHeaders = 4096;
    private const uint PtLoad = 1, PtDynamic = 2, PtInterp = 3;
    private const long DtNeeded = 1, DtStrtab = 5, DtStrsz = 10, DtFlags1 = 0x6ffffffb;
    private const ulong Df1Pie = 0x08000000;

    private sealed record Segment(uint Type, uint Flags, long Offset, ulong VirtualAddress, long FileSize);

    public static BinaryReport Read(string file, ByteSource src)
    {
        var ident = src.Read(0, 16, "ELF identification");
        var is64 = ident[4] switch { 1 => false, 2 => true, var c => throw new CorruptBinaryException($"unknown ELF class {c}") };
        src.BigEndian = ident[5] switch { 1 => false, 2 => true, var d => throw new CorruptBinaryException($"unknown ELF data encoding {d}") };
        var h = src.Read(0, is64 ? 64 : 52, "ELF header");
        var type = src.U16(h, 16);
        var machine = src.U16(h, 18);
        var flags = src.U32(h, is64 ? 48 : 36);
        var segments = ReadSegments(src, h, is64);
        var sections = ElfSections.Read(src, h, is64);

        var interp = segments.FirstOrDefault(s => s.Type == PtInterp) is { } pi
            ? ByteSource.CString(src.Read(pi.Offset, Math.Min(pi.FileSize, 4096), "PT_INTERP"), 0)
            : null;
        var (needed, flags1) = ReadDynamic(src, segments, is64);
        var kind = type switch
        {
            1 => "relocatable",
            2 => "executable",
            3 when interp is not null || (flags1 & Df1Pie) != 0 => interp is null ? "static-pie executable" : "pie executable",
            3 => "shared object",
            4 => "core file",
            _ => $"type {type}",
        };

        var go = FindGoBuildInfo(src, sections, segments);
        var attributes = machine == 40 && sections.Find(".ARM.attributes") is { } attr ? ArmAttributes.Parse(src.Read(attr.Offset, attr.Size, ".ARM.attributes"), src.BigEndian) : null;
        return new BinaryReport
        {
            File = file,
            Format = BinaryFormat.Elf,
            Os = ident[7] switch { 9 => "freebsd", 2 => "netbsd", 12 => "openbsd", _ => "linux" },
            Identity = new BinaryIdentity(BinaryFormat.Elf, is64 ? 64 : 32, src.BigEndian ? Endianness.Big : Endianness.Little, machine),
            Kind = kind,
            IsStatic = type is 2 or 3 ? interp is null && needed.Count == 0 : null,
            Interpreter = interp,
            Needed = needed,
            ArmFloatAbi = machine == 40 ? FloatAbi(flags, attributes) : null,
            ArmLevel = machine == 40 ? MaxLevel(attributes?.CpuArchLevel, go?.ArmLevel) : null,
            Go = go,
        };
    }

    // C objects carry Tag_CPU_arch, Go code only GOARM: the binary needs the higher of the two.
    private static int? MaxLevel(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static string? FloatAbi(uint flags, ArmAttributes? attributes)
    {
        if ((flags & 0x400) != 0)
        {
            return "hard";
        }

        if ((flags & 0x200) != 0)
        {
            return "soft";
        }

        return attributes?.VfpArgs switch { 1 => "hard", not null => "soft", null => null };
    }

    private static List<Segment> ReadSegments(ByteSource src, byte[] h, bool is64)
    {
        var offset = ByteSource.Checked(src.Word(h, is64 ? 32 : 28, is64), "e_phoff");
        int entrySize = src.U16(h, is64 ? 54 : 42), count = src.U16(h, is64 ? 56 : 44);
        if (count == 0)
        {
            return [];
        }

        if (entrySize < (is64 ? 56 : 32) || count > MaxHeaders)
        {
            throw new CorruptBinaryException($"program header table has {count} entries of {entrySize} bytes");
        }

        var table = src.Read(offset, (long)entrySize * count, "program header table");
        var segments = new List<Segment>(count);
        for (var i = 0; i < count; i++)
        {
            var e = table.AsSpan(i * entrySize, entrySize);
            segments.Add(is64
                ? new Segment(src.U32(e, 0), src.U32(e, 4), ByteSource.Checked(src.U64(e, 8), "p_offset"), src.U64(e, 16), ByteSource.Checked(src.U64(e, 32), "p_filesz"))
                : new Segment(src.U32(e, 0), src.U32(e, 24), src.U32(e, 4), src.U32(e, 8), src.U32(e, 16)));
        }

        return segments;
    }

    private static (List<string> Needed, ulong Flags1) ReadDynamic(ByteSource src, List<Segment> segments, bool is64)
    {
        if (segments.FirstOrDefault(s => s.Type == PtDynamic) is not { } dyn)
        {
            return ([], 0);
        }

        var data = src.Read(dyn.Offset, Math.Min(dyn.FileSize, ByteSource.MaxRead), "dynamic section");
        var size = is64 ? 16 : 8;
        var neededOffsets = new List<ulong>();
        ulong strtab = 0, strsz = 0, flags1 = 0;
        for (var at = 0; at + size <= data.Length; at += size)
        {
            var tag = (long)src.Word(data, at, is64);
            var value = src.Word(data, at + (size / 2), is64);
            if (tag == 0)
            {
                break;
            }

            switch (tag)
            {
                case DtNeeded: neededOffsets.Add(value); break;
                case DtStrtab: strtab = value; break;
                case DtStrsz: strsz = value; break;
                case DtFlags1: flags1 = value; break;
            }
        }

        if (neededOffsets.Count == 0)
        {
            return ([], flags1);
        }

        var load = segments.FirstOrDefault(s => s.Type == PtLoad && s.VirtualAddress <= strtab && strtab - s.VirtualAddress < (ulong)s.FileSize)
            ?? throw new CorruptBinaryException($"DT_STRTAB address 0x{strtab:x} is in no loaded segment");
        var strings = src.Read(load.Offset + (long)(strtab - load.VirtualAddress), Math.Min(ByteSource.Checked(strsz, "DT_STRSZ"), ByteSource.MaxRead), "dynamic string table");
        return ([.. neededOffsets.Select(o => ByteSource.CString(strings, ByteSource.Checked(o, "DT_NEEDED")))], flags1);
    }

    private static GoBuildInfo? FindGoBuildInfo(ByteSource src, ElfSections sections, List<Segment> segments)
    {
        if (sections.Find(".go.buildinfo") is { } section)
        {
            return GoBuildInfoParser.Parse(src.Read(section.Offset, Math.Min(section.Size, GoBuildInfoParser.MaxSize), ".go.buildinfo"));
        }

        // Section headers stripped: Go puts the build info at the start of the first writable segment.
        return segments.FirstOrDefault(s => s.Type == PtLoad && (s.Flags & 2) != 0) is { } data
            ? GoBuildInfoParser.Search(src.Read(data.Offset, Math.Min(data.FileSize, GoBuildInfoParser.MaxSize), "data segment"))
            : null;
    }
}

using System.Buffers.Binary;
using System.Text;

namespace Nuke.CrossBuild.Tests.Verification;

/// <summary>Writes small, well-formed ELF files with chosen headers, so the verifier is tested without toolchains.</summary>
internal sealed record ElfFixture
{
    public int Class { get; init; } = 64;
    public bool BigEndian { get; init; }
    public int Machine { get; init; } = 62;
    public int Type { get; init; } = 2;
    public byte OsAbi { get; init; }
    public uint Flags { get; init; }
    public string? Interpreter { get; init; }
    public IReadOnlyList<string> Needed { get; init; } = [];
    public bool PieFlag { get; init; }
    public byte[]? ArmAttributes { get; init; }
    public IReadOnlyList<(string Key, string Value)>? GoSettings { get; init; }

    public static byte[] ArmAttributesFor(int cpuArch, int vfpArgs)
    {
        byte[] attrs = [6, (byte)cpuArch, 28, (byte)vfpArgs];
        var fileTag = new byte[] { 1 }.Concat(Le32(5 + attrs.Length)).Concat(attrs).ToArray();
        var vendor = "aeabi\0"u8.ToArray();
        return [(byte)'A', .. Le32(4 + vendor.Length + fileTag.Length), .. vendor, .. fileTag];
    }

    public static byte[] GoBuildInfo(string version, IEnumerable<(string Key, string Value)> settings)
    {
        var modinfo = "path\texample.com/app\nmod\texample.com/app\t(devel)\t\n" + string.Concat(settings.Select(s => $"build\t{s.Key}={s.Value}\n"));
        modinfo = new string('S', 16) + modinfo + new string('E', 16);
        var header = new byte[32];
        new byte[] { 0xff }.Concat(" Go buildinf:"u8.ToArray()).ToArray().CopyTo(header, 0);
        header[14] = 8;
        header[15] = 2;
        return [.. header, .. Varint(Encoding.UTF8.GetByteCount(version)), .. Encoding.UTF8.GetBytes(version), .. Varint(Encoding.UTF8.GetByteCount(modinfo)), .. Encoding.UTF8.GetBytes(modinfo)];
    }

    public byte[] Build()
    {
        var is64 = Class == 64;
        int ehsize = is64 ? 64 : 52, phentsize = is64 ? 56 : 32, shentsize = is64 ? 64 : 40;
        var data = new List<byte>();
        var segments = new List<(uint Type, uint Flags, long Offset, long Size)>();
        var sections = new List<(string Name, uint Type, long Offset, long Size)>();
        var phnum = 1 + (Interpreter is null ? 0 : 1) + (Needed.Count > 0 || PieFlag ? 1 : 0);
        var dataStart = ehsize + (phnum * phentsize);
        long Add(byte[] bytes)
        {
            while ((dataStart + data.Count) % 16 != 0)
            {
                data.Add(0);
            }

            var at = dataStart + data.Count;
            data.AddRange(bytes);
            return at;
        }

        if (Interpreter is not null)
        {
            var bytes = Encoding.ASCII.GetBytes(Interpreter + "\0");
            segments.Add((3, 4, Add(bytes), bytes.Length));
        }

        if (Needed.Count > 0 || PieFlag)
        {
            var strings = new List<byte> { 0 };
            var offsets = Needed.Select(n => { var o = strings.Count; strings.AddRange(Encoding.ASCII.GetBytes(n + "\0")); return o; }).ToList();
            var strtab = Add([.. strings]);
            var dyn = new List<byte>();
            foreach (var o in offsets)
            {
                dyn.AddRange(Word(1).Concat(Word(o)));
            }

            dyn.AddRange(Word(5).Concat(Word(strtab)).Concat(Word(10)).Concat(Word(strings.Count)));
            if (PieFlag)
            {
                dyn.AddRange(Word(0x6ffffffb).Concat(Word(0x08000000)));
            }

            dyn.AddRange(Word(0).Concat(Word(0)));
            segments.Add((2, 6, Add([.. dyn]), dyn.Count));
        }

        if (ArmAttributes is not null)
        {
            sections.Add((".ARM.attributes", 0x70000003, Add(ArmAttributes), ArmAttributes.Length));
        }

        if (GoSettings is not null)
        {
            var info = GoBuildInfo("go1.23.5", GoSettings);
            sections.Add((".go.buildinfo", 1, Add(info), info.Length));
        }

        var names = new List<byte> { 0 };
        var nameOffsets = sections.Select(s => { var o = names.Count; names.AddRange(Encoding.ASCII.GetBytes(s.Name + "\0")); return o; }).ToList();
        var shstrtabName = names.Count;
        names.AddRange(".shstrtab\0"u8.ToArray());
        var shstrtab = Add([.. names]);
        var shoff = Add([]);
        var fileSize = shoff + ((sections.Count + 2) * shentsize);
        segments.Insert(0, (1, 5, 0, fileSize));

        var file = new List<byte>();
        file.AddRange([0x7f, (byte)'E', (byte)'L', (byte)'F', (byte)(is64 ? 2 : 1), (byte)(BigEndian ? 2 : 1), 1, OsAbi, 0, 0, 0, 0, 0, 0, 0, 0]);
        file.AddRange(Half(Type).Concat(Half(Machine)).Concat(U32(1)).Concat(Word(0)).Concat(Word(ehsize)).Concat(Word(shoff)).Concat(U32(Flags)));
        file.AddRange(Half(ehsize).Concat(Half(phentsize)).Concat(Half(segments.Count)).Concat(Half(shentsize)).Concat(Half(sections.Count + 2)).Concat(Half(sections.Count + 1)));
        foreach (var s in segments)
        {
            file.AddRange(is64
                ? U32(s.Type).Concat(U32(s.Flags)).Concat(Word(s.Offset)).Concat(Word(s.Offset)).Concat(Word(s.Offset)).Concat(Word(s.Size)).Concat(Word(s.Size)).Concat(Word(16))
                : U32(s.Type).Concat(Word(s.Offset)).Concat(Word(s.Offset)).Concat(Word(s.Offset)).Concat(Word(s.Size)).Concat(Word(s.Size)).Concat(U32(s.Flags)).Concat(Word(16)));
        }

        file.AddRange(data);
        file.AddRange(new byte[shentsize]);
        for (var i = 0; i < sections.Count; i++)
        {
            file.AddRange(Section(nameOffsets[i], sections[i].Type, sections[i].Offset, sections[i].Size));
        }

        file.AddRange(Section(shstrtabName, 3, shstrtab, names.Count));
        return [.. file];

        IEnumerable<byte> Section(int name, uint type, long offset, long size) => is64
            ? U32((uint)name).Concat(U32(type)).Concat(Word(0)).Concat(Word(0)).Concat(Word(offset)).Concat(Word(size)).Concat(U32(0)).Concat(U32(0)).Concat(Word(1)).Concat(Word(0))
            : U32((uint)name).Concat(U32(type)).Concat(Word(0)).Concat(Word(0)).Concat(Word(offset)).Concat(Word(size)).Concat(U32(0)).Concat(U32(0)).Concat(Word(1)).Concat(Word(0));
    }

    public string WriteTo(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, Build());
        return path;
    }

    private byte[] Half(int value)
    {
        var b = new byte[2];
        if (BigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value); else BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value);
        return b;
    }

    private byte[] U32(uint value)
    {
        var b = new byte[4];
        if (BigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, value); else BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return b;
    }

    private byte[] Word(long value)
    {
        if (Class != 64)
        {
            return U32((uint)value);
        }

        var b = new byte[8];
        if (BigEndian) BinaryPrimitives.WriteUInt64BigEndian(b, (ulong)value); else BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)value);
        return b;
    }

    private static byte[] Le32(int value) => BitConverter.GetBytes(value);

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }

        bytes.Add((byte)v);
        return [.. bytes];
    }
}

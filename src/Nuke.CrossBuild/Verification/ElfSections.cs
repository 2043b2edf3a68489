namespace Nuke.CrossBuild.Verification;

/// <summary>An ELF file's section headers, by name.</summary>
internal sealed class ElfSections
{
    private const int MaxSections = 65535;
    private readonly Dictionary<string, (long Offset, long Size)> byName = new(StringComparer.Ordinal);

    public (long Offset, long Size)? Find(string name) => byName.TryGetValue(name, out var s) ? s : null;

    public static ElfSections Read(ByteSource src, byte[] h, bool is64)
    {
        var sections = new ElfSections();
        var offset = ByteSource.Checked(src.Word(h, is64 ? 40 : 32, is64), "e_shoff");
        int entrySize = src.U16(h, is64 ? 58 : 46), count = src.U16(h, is64 ? 60 : 48), names = src.U16(h, is64 ? 62 : 50);
        if (offset == 0 || count == 0)
        {
            return sections;
        }

        if (entrySize < (is64 ? 64 : 40) || count > MaxSections || names >= count)
        {
            throw new CorruptBinaryException($"section header table has {count} entries of {entrySize} bytes, names in section {names}");
        }

        var table = src.Read(offset, (long)entrySize * count, "section header table");
        (long Offset, long Size, uint Name, uint Type) Entry(int i)
        {
            var e = table.AsSpan(i * entrySize, entrySize);
            return is64
                ? (ByteSource.Checked(src.U64(e, 24), "sh_offset"), ByteSource.Checked(src.U64(e, 32), "sh_size"), src.U32(e, 0), src.U32(e, 4))
                : (src.U32(e, 16), src.U32(e, 20), src.U32(e, 0), src.U32(e, 4));
        }

        var nameTable = Entry(names);
        var strings = src.Read(nameTable.Offset, Math.Min(nameTable.Size, ByteSource.MaxRead), "section name table");
        for (var i = 1; i < count; i++)
        {
            var entry = Entry(i);
            if (entry.Type != 8 && entry.Name < strings.Length) // SHT_NOBITS has no bytes in the file
            {
                sections.byName.TryAdd(ByteSource.CString(strings, entry.Name), (entry.Offset, entry.Size));
            }
        }

        return sections;
    }
}

using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Machine;

/// <summary>One registration in <c>/proc/sys/fs/binfmt_misc</c>.</summary>
public sealed record BinfmtEntry
{
    /// <summary>Gets the entry name, e.g. <c>qemu-aarch64</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets whether the kernel uses the entry.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Gets the interpreter path the kernel runs.</summary>
    public required string Interpreter { get; init; }

    /// <summary>Gets the flags, e.g. <c>POCF</c>; F means the interpreter was opened at registration.</summary>
    public required string Flags { get; init; }

    /// <summary>Gets the offset of the magic in the file.</summary>
    public int Offset { get; init; }

    /// <summary>Gets the magic bytes (empty for extension entries).</summary>
    public required IReadOnlyList<byte> Magic { get; init; }

    /// <summary>Gets the mask bytes (all ones when the kernel shows none).</summary>
    public required IReadOnlyList<byte> Mask { get; init; }

    /// <summary>Gets whether the interpreter was opened at registration (flag F), so it works inside containers.</summary>
    public bool FixBinary => Flags.Contains('F', StringComparison.Ordinal);

    /// <summary>Gets the Linux platforms whose ELF executables this entry matches.</summary>
    public IReadOnlyList<Platform> Platforms => [.. PlatformInfo.All
        .Where(i => i.Platform.Os == "linux" && Matches(ElfMagic.Bytes(i.Binary)))
        .Select(i => i.Platform)];

    /// <summary>Tests whether a file starting with the given bytes would run through this entry.</summary>
    /// <param name="header">The file's first bytes.</param>
    /// <returns>Whether the masked bytes equal the magic.</returns>
    public bool Matches(ReadOnlySpan<byte> header)
    {
        if (Magic.Count == 0 || header.Length < Offset + Magic.Count)
        {
            return false;
        }

        for (var i = 0; i < Magic.Count; i++)
        {
            var mask = i < Mask.Count ? Mask[i] : (byte)0xff;
            if ((header[Offset + i] & mask) != (Magic[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}

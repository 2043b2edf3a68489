namespace Nuke.CrossBuild.Platforms;

/// <summary>What a correct executable for a platform looks like in its headers.</summary>
/// <param name="Format">The file format.</param>
/// <param name="Class">Word size in bits: 32 or 64.</param>
/// <param name="Endianness">Byte order.</param>
/// <param name="Machine">ELF <c>e_machine</c>, PE <c>Machine</c>, or Mach-O <c>cputype</c>.</param>
public sealed record BinaryIdentity(BinaryFormat Format, int Class, Endianness Endianness, int Machine)
{
    /// <summary>Returns a short human description such as <c>ELF 64-bit LSB machine 183</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => $"{FormatName(Format)} {Class}-bit {(Endianness == Endianness.Little ? "LSB" : "MSB")} machine {Machine}";

    internal static string FormatName(BinaryFormat format) => format switch
    {
        BinaryFormat.Elf => "ELF",
        BinaryFormat.Pe => "PE",
        _ => "Mach-O",
    };
}

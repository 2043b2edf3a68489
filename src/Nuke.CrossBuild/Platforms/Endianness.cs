namespace Nuke.CrossBuild.Platforms;

/// <summary>Byte order of a binary's data.</summary>
public enum Endianness
{
    /// <summary>Least significant byte first (ELF <c>ELFDATA2LSB</c>).</summary>
    Little,

    /// <summary>Most significant byte first (ELF <c>ELFDATA2MSB</c>).</summary>
    Big,
}

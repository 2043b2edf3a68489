namespace Nuke.CrossBuild.Platforms;

/// <summary>Executable file format a platform's binaries use.</summary>
public enum BinaryFormat
{
    /// <summary>Executable and Linkable Format (Linux and the BSDs).</summary>
    Elf,

    /// <summary>Portable Executable (Windows).</summary>
    Pe,

    /// <summary>Mach-O (macOS).</summary>
    MachO,
}

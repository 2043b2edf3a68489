using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>Human names of machine numbers, as <c>file</c> prints them (xx-verify matches these words).</summary>
internal static class MachineNames
{
    public static string Describe(BinaryIdentity identity) => identity.Format switch
    {
        BinaryFormat.Elf => identity.Machine switch
        {
            3 => "Intel 80386",
            8 => "MIPS",
            20 => "PowerPC",
            21 => "64-bit PowerPC",
            22 => "IBM S/390",
            40 => "ARM",
            62 => "x86-64",
            183 => "ARM aarch64",
            243 => "RISC-V",
            258 => "LoongArch",
            var m => $"machine {m}",
        },
        BinaryFormat.Pe => identity.Machine switch
        {
            0x14c => "Intel 80386",
            0x1c4 => "ARMv7 Thumb",
            0x8664 => "x86-64",
            0xaa64 => "Aarch64",
            var m => $"machine 0x{m:x}",
        },
        _ => identity.Machine switch
        {
            7 => "i386",
            12 => "arm",
            0x01000007 => "x86_64",
            0x0100000c => "arm64",
            var m => $"cputype 0x{m:x}",
        },
    };
}

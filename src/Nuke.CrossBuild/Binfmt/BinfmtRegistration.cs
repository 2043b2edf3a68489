using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Binfmt;

/// <summary>Builds binfmt_misc registration lines from the platform table's magic and mask (tonistiigi/binfmt's format).</summary>
public static class BinfmtRegistration
{
    /// <summary>Returns the line to write to <c>register</c>: <c>:name:M:0:magic:mask:interpreter:flags</c>.</summary>
    /// <param name="platform">A Linux platform.</param>
    /// <param name="interpreter">The emulator path, e.g. <c>/usr/bin/qemu-aarch64-static</c>.</param>
    /// <param name="flags">The flags; <c>F</c> (open the interpreter now, so it works in containers) is the default, <c>P</c> preserves argv[0].</param>
    /// <param name="name">The entry name, or null for the table's emulator name (<c>qemu-aarch64</c>).</param>
    /// <returns>The line.</returns>
    /// <exception cref="EmulatorException">The platform has no emulator in the table.</exception>
    public static string Line(Platform platform, string interpreter, string flags = "F", string? name = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(interpreter);
        var info = platform.Info;
        if (info.Qemu is null || info.BinfmtMask is null)
        {
            throw new EmulatorException($"{platform} has no QEMU user emulator (only Linux platforms do)");
        }

        return $":{name ?? info.Qemu}:M:0:{info.BinfmtMagic}:{info.BinfmtMask}:{interpreter}:{flags}";
    }
}

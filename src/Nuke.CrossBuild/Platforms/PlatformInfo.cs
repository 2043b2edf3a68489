namespace Nuke.CrossBuild.Platforms;

/// <summary>
/// Every fact Nuke.CrossBuild knows about one platform: Go environment, distribution and toolchain names,
/// the QEMU emulator, and the identity its binaries must have. One row of the table every other part reads.
/// </summary>
public sealed partial record PlatformInfo
{
    /// <summary>Gets the normalized platform.</summary>
    public required Platform Platform { get; init; }

    /// <summary>Gets the Go variables that select this platform.</summary>
    public required GoEnvironment Go { get; init; }

    /// <summary>Gets the machine name <c>uname -m</c> prints (xx's <c>march</c>).</summary>
    public required string Uname { get; init; }

    /// <summary>Gets the Debian architecture (<c>dpkg --print-architecture</c>), or null off Linux.</summary>
    public string? DebianArch { get; init; }

    /// <summary>Gets the Alpine architecture (<c>apk --print-arch</c>), or null off Linux.</summary>
    public string? AlpineArch { get; init; }

    /// <summary>Gets the RHEL/Fedora architecture (<c>rpm</c> arch), or null off Linux.</summary>
    public string? RhelArch { get; init; }

    /// <summary>Gets the GNU triple Debian's cross toolchains use (no vendor), e.g. <c>arm-linux-gnueabihf</c>.</summary>
    public required string GnuTriple { get; init; }

    /// <summary>Gets the musl triple Alpine uses, e.g. <c>armv7-alpine-linux-musleabihf</c>, or null off Linux.</summary>
    public string? MuslTriple { get; init; }

    /// <summary>Gets the target to pass to <c>clang --target</c>.</summary>
    public required string ClangTarget { get; init; }

    /// <summary>Gets the Rust target triple, or null where Rust has none.</summary>
    public string? RustTriple { get; init; }

    /// <summary>Gets the Zig target (<c>zig cc -target</c>), or null where Zig has none.</summary>
    public string? ZigTarget { get; init; }

    /// <summary>Gets the .NET runtime identifier, or null where .NET has none (e.g. linux/arm/v6).</summary>
    public string? DotnetRid { get; init; }

    /// <summary>Gets the QEMU user emulator name, e.g. <c>qemu-aarch64</c>, or null off Linux.</summary>
    public string? Qemu { get; init; }

    /// <summary>Gets the identity (format, class, byte order, machine) its executables must have.</summary>
    public required BinaryIdentity Binary { get; init; }

    /// <summary>Gets the binfmt_misc mask matched against the first 20 bytes of an ELF file, or null off Linux.</summary>
    public string? BinfmtMask { get; init; }

    /// <summary>Gets the ARM architecture level (5 to 8) the platform's CPUs guarantee, or null for other architectures.</summary>
    public int? ArmLevel => Platform.Architecture == "arm" ? int.Parse(Platform.Variant![1..], System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Gets the binfmt_misc magic for this platform's ELF executables, in <c>\xNN</c> form, or null off Linux.</summary>
    public string? BinfmtMagic => BinfmtMask is null ? null : ElfMagic.Format(Binary);
}

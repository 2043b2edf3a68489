using static Nuke.CrossBuild.Platforms.Endianness;

namespace Nuke.CrossBuild.Platforms;

/// <summary>The normalization table: one row per supported platform (xx-info's and binfmt's tables in one place).</summary>
public sealed partial record PlatformInfo
{
    // binfmt_misc masks over the first 20 ELF bytes (tonistiigi/binfmt's config.go; mips32 follows mips64).
    private const string MaskX86 = @"\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff";
    private const string MaskLe = @"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff";
    private const string MaskBe = @"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff";
    private const string MaskPpc64Le = @"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\x00";
    private const string MaskMipsLe = @"\xff\xff\xff\xff\xff\xff\xff\x00\x00\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff";
    private const string MaskMipsBe = @"\xff\xff\xff\xff\xff\xff\xff\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff";
    private const string MaskLoong = @"\xff\xff\xff\xff\xff\xff\xff\xfc\x00\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff";

    private static readonly PlatformInfo[] Rows =
    [
        //    arch       variant      uname         debian      alpine         rhel          gnu triple                 musl triple                          zig target                  rust triple                          .NET RID             qemu                 elf             mask
        Linux("amd64", null, "x86_64", "amd64", "x86_64", "x86_64", "x86_64-linux-gnu", "x86_64-alpine-linux-musl", "x86_64-linux-gnu", "x86_64-unknown-linux-gnu", "linux-x64", "qemu-x86_64", Elf(64, Little, 62), MaskX86),
        Linux("amd64", "v2", "x86_64", "amd64", "x86_64", "x86_64", "x86_64-linux-gnu", "x86_64-alpine-linux-musl", "x86_64-linux-gnu", "x86_64-unknown-linux-gnu", "linux-x64", "qemu-x86_64", Elf(64, Little, 62), MaskX86),
        Linux("amd64", "v3", "x86_64", "amd64", "x86_64", "x86_64", "x86_64-linux-gnu", "x86_64-alpine-linux-musl", "x86_64-linux-gnu", "x86_64-unknown-linux-gnu", "linux-x64", "qemu-x86_64", Elf(64, Little, 62), MaskX86),
        Linux("amd64", "v4", "x86_64", "amd64", "x86_64", "x86_64", "x86_64-linux-gnu", "x86_64-alpine-linux-musl", "x86_64-linux-gnu", "x86_64-unknown-linux-gnu", "linux-x64", "qemu-x86_64", Elf(64, Little, 62), MaskX86),
        Linux("arm64", null, "aarch64", "arm64", "aarch64", "aarch64", "aarch64-linux-gnu", "aarch64-alpine-linux-musl", "aarch64-linux-gnu", "aarch64-unknown-linux-gnu", "linux-arm64", "qemu-aarch64", Elf(64, Little, 183), MaskLe),
        Linux("arm", "v7", "armv7l", "armhf", "armv7", "armv7hl", "arm-linux-gnueabihf", "armv7-alpine-linux-musleabihf", "arm-linux-gnueabihf", "armv7-unknown-linux-gnueabihf", "linux-arm", "qemu-arm", Elf(32, Little, 40), MaskLe),
        Linux("arm", "v6", "armv6l", "armel", "armhf", "armv6hl", "arm-linux-gnueabi", "armv6-alpine-linux-musleabihf", "arm-linux-gnueabi", "arm-unknown-linux-gnueabi", null, "qemu-arm", Elf(32, Little, 40), MaskLe),
        Linux("arm", "v5", "armv5l", "armel", "armel", "armv5tel", "arm-linux-gnueabi", "armv5-alpine-linux-musleabi", "arm-linux-gnueabi", "arm-unknown-linux-gnueabi", null, "qemu-arm", Elf(32, Little, 40), MaskLe),
        Linux("arm", "v8", "armv8l", "armhf", "armv7", "armv7hl", "arm-linux-gnueabihf", "armv7-alpine-linux-musleabihf", "arm-linux-gnueabihf", "armv7-unknown-linux-gnueabihf", "linux-arm", "qemu-arm", Elf(32, Little, 40), MaskLe),
        Linux("386", null, "i386", "i386", "x86", "i386", "i686-linux-gnu", "i586-alpine-linux-musl", "x86-linux-gnu", "i686-unknown-linux-gnu", null, "qemu-i386", Elf(32, Little, 3), MaskX86),
        Linux("ppc64le", null, "ppc64le", "ppc64el", "ppc64le", "ppc64le", "powerpc64le-linux-gnu", "powerpc64le-alpine-linux-musl", "powerpc64le-linux-gnu", "powerpc64le-unknown-linux-gnu", "linux-ppc64le", "qemu-ppc64le", Elf(64, Little, 21), MaskPpc64Le),
        Linux("s390x", null, "s390x", "s390x", "s390x", "s390x", "s390x-linux-gnu", "s390x-alpine-linux-musl", "s390x-linux-gnu", "s390x-unknown-linux-gnu", "linux-s390x", "qemu-s390x", Elf(64, Big, 22), MaskBe),
        Linux("riscv64", null, "riscv64", "riscv64", "riscv64", "riscv64", "riscv64-linux-gnu", "riscv64-alpine-linux-musl", "riscv64-linux-gnu", "riscv64gc-unknown-linux-gnu", "linux-riscv64", "qemu-riscv64", Elf(64, Little, 243), MaskLe),
        Linux("loong64", null, "loongarch64", "loong64", "loongarch64", "loongarch64", "loongarch64-linux-gnu", "loongarch64-alpine-linux-musl", "loongarch64-linux-gnu", "loongarch64-unknown-linux-gnu", "linux-loongarch64", "qemu-loongarch64", Elf(64, Little, 258), MaskLoong),
        Linux("mips", null, "mips", "mips", "mips", "mips", "mips-linux-gnu", "mips-alpine-linux-musl", "mips-linux-gnueabi", "mips-unknown-linux-gnu", null, "qemu-mips", Elf(32, Big, 8), MaskMipsBe),
        Linux("mips", "softfloat", "mips", "mips", "mips", "mips", "mips-linux-gnu", "mips-alpine-linux-musl", "mips-linux-gnueabi", "mips-unknown-linux-gnu", null, "qemu-mips", Elf(32, Big, 8), MaskMipsBe),
        Linux("mipsle", null, "mipsle", "mipsel", "mipsle", "mipsel", "mipsel-linux-gnu", "mipsel-alpine-linux-musl", "mipsel-linux-gnueabi", "mipsel-unknown-linux-gnu", null, "qemu-mipsel", Elf(32, Little, 8), MaskMipsLe),
        Linux("mipsle", "softfloat", "mipsle", "mipsel", "mipsle", "mipsel", "mipsel-linux-gnu", "mipsel-alpine-linux-musl", "mipsel-linux-gnueabi", "mipsel-unknown-linux-gnu", null, "qemu-mipsel", Elf(32, Little, 8), MaskMipsLe),
        Linux("mips64", null, "mips64", "mips64", "mips64", "mips64", "mips64-linux-gnuabi64", "mips64-alpine-linux-muslabi64", "mips64-linux-gnuabi64", "mips64-unknown-linux-gnuabi64", null, "qemu-mips64", Elf(64, Big, 8), MaskMipsBe),
        Linux("mips64le", null, "mips64le", "mips64el", "mips64le", "mips64el", "mips64el-linux-gnuabi64", "mips64el-alpine-linux-muslabi64", "mips64el-linux-gnuabi64", "mips64el-unknown-linux-gnuabi64", null, "qemu-mips64el", Elf(64, Little, 8), MaskMipsLe),
        //    os          arch      uname      gnu triple              clang target                rust triple                    zig target              .NET RID          binary identity
        Other("darwin", "amd64", "x86_64", "x86_64-apple-darwin", "x86_64-apple-macos10.6", "x86_64-apple-darwin", "x86_64-macos-none", "osx-x64", new(BinaryFormat.MachO, 64, Little, 0x01000007)),
        Other("darwin", "arm64", "arm64", "aarch64-apple-darwin", "arm64-apple-macos11.0", "aarch64-apple-darwin", "aarch64-macos-none", "osx-arm64", new(BinaryFormat.MachO, 64, Little, 0x0100000c)),
        Other("windows", "amd64", "x86_64", "x86_64-w64-mingw32", "x86_64-w64-mingw32", "x86_64-pc-windows-gnu", "x86_64-windows-gnu", "win-x64", new(BinaryFormat.Pe, 64, Little, 0x8664)),
        Other("windows", "arm64", "aarch64", "aarch64-w64-mingw32", "aarch64-w64-mingw32", "aarch64-pc-windows-gnullvm", "aarch64-windows-gnu", "win-arm64", new(BinaryFormat.Pe, 64, Little, 0xaa64)),
        Other("windows", "386", "i386", "i686-w64-mingw32", "i686-w64-mingw32", "i686-pc-windows-gnu", "x86-windows-gnu", "win-x86", new(BinaryFormat.Pe, 32, Little, 0x14c)),
        Other("windows", "arm", "armv7l", "armv7-w64-mingw32", "armv7-w64-mingw32", null, null, null, new(BinaryFormat.Pe, 32, Little, 0x1c4)),
        Other("freebsd", "amd64", "amd64", "x86_64-unknown-freebsd", "x86_64-unknown-freebsd", "x86_64-unknown-freebsd", "x86_64-freebsd-none", "freebsd-x64", Elf(64, Little, 62)),
        Other("freebsd", "arm64", "arm64", "aarch64-unknown-freebsd", "aarch64-unknown-freebsd", "aarch64-unknown-freebsd", "aarch64-freebsd-none", "freebsd-arm64", Elf(64, Little, 183)),
    ];

    private static readonly Dictionary<(string, string, string?), PlatformInfo> ByKey =
        Rows.ToDictionary(r => (r.Platform.Os, r.Platform.Architecture, r.Platform.Variant));

    /// <summary>Gets every platform the table knows, in table order.</summary>
    public static IReadOnlyList<PlatformInfo> All => Rows;

    /// <summary>Gets the facts for a platform.</summary>
    /// <param name="platform">A platform (every <see cref="Platforms.Platform"/> value has a row).</param>
    /// <returns>The row.</returns>
    public static PlatformInfo For(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return ByKey[(platform.Os, platform.Architecture, platform.Variant)];
    }

    internal static PlatformInfo? Find(string os, string arch, string? variant) => ByKey.GetValueOrDefault((os, arch, variant));

    private static BinaryIdentity Elf(int bits, Endianness endianness, int machine) => new(BinaryFormat.Elf, bits, endianness, machine);

    private static PlatformInfo Linux(
        string arch, string? variant, string uname, string debian, string alpine, string rhel, string gnu, string musl,
        string zig, string rust, string? rid, string qemu, BinaryIdentity elf, string mask)
    {
        var platform = Platform.Create("linux", arch, variant);
        var clang = arch == "arm" ? $"armv{variant![1..]}{gnu[3..]}" : gnu;
        return new()
        {
            Platform = platform, Go = GoFor(platform), Uname = uname, DebianArch = debian, AlpineArch = alpine, RhelArch = rhel,
            GnuTriple = gnu, MuslTriple = musl, ClangTarget = clang, ZigTarget = zig, RustTriple = rust, DotnetRid = rid,
            Qemu = qemu, Binary = elf, BinfmtMask = mask,
        };
    }

    private static PlatformInfo Other(
        string os, string arch, string uname, string gnu, string clang, string? rust, string? zig, string? rid, BinaryIdentity binary)
    {
        var platform = Platform.Create(os, arch, arch == "arm" ? "v7" : null);
        return new()
        {
            Platform = platform, Go = GoFor(platform), Uname = uname, GnuTriple = gnu, ClangTarget = clang,
            RustTriple = rust, ZigTarget = zig, DotnetRid = rid, Binary = binary,
        };
    }

    private static GoEnvironment GoFor(Platform p) => new()
    {
        Goos = p.Os,
        Goarch = p.Architecture,
        Goarm = p.Architecture == "arm" ? (p.Variant == "v8" ? "7" : p.Variant![1..]) : null,
        Goamd64 = p.Architecture == "amd64" ? p.Variant ?? "v1" : null,
        Go386 = p.Architecture == "386" ? "sse2" : null,
        Goarm64 = p.Architecture == "arm64" ? "v8.0" : null,
        Goppc64 = p.Architecture == "ppc64le" ? "power8" : null,
        Goriscv64 = p.Architecture == "riscv64" ? "rva20u64" : null,
        Gomips = p.Architecture is "mips" or "mipsle" ? p.Variant ?? "hardfloat" : null,
        Gomips64 = p.Architecture is "mips64" or "mips64le" ? p.Variant ?? "hardfloat" : null,
    };
}

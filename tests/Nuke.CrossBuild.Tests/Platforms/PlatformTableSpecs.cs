using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Platforms;

/// <summary>The table checked against tonistiigi/xx's xx-info and xx-go tables and tonistiigi/binfmt's config.</summary>
public sealed class PlatformTableSpecs
{
    // platform, march (uname -m), debian, alpine, rhel, Debian triple, Alpine triple, zig (gnu) — xx-info's table.
    public static TheoryData<string, string, string, string, string, string, string, string> XxInfoRows => new()
    {
        { "linux/amd64", "x86_64", "amd64", "x86_64", "x86_64", "x86_64-linux-gnu", "x86_64-alpine-linux-musl", "x86_64-linux-gnu" },
        { "linux/arm64", "aarch64", "arm64", "aarch64", "aarch64", "aarch64-linux-gnu", "aarch64-alpine-linux-musl", "aarch64-linux-gnu" },
        { "linux/arm/v7", "armv7l", "armhf", "armv7", "armv7hl", "arm-linux-gnueabihf", "armv7-alpine-linux-musleabihf", "arm-linux-gnueabihf" },
        { "linux/arm/v6", "armv6l", "armel", "armhf", "armv6hl", "arm-linux-gnueabi", "armv6-alpine-linux-musleabihf", "arm-linux-gnueabi" },
        { "linux/arm/v5", "armv5l", "armel", "armel", "armv5tel", "arm-linux-gnueabi", "armv5-alpine-linux-musleabi", "arm-linux-gnueabi" },
        { "linux/riscv64", "riscv64", "riscv64", "riscv64", "riscv64", "riscv64-linux-gnu", "riscv64-alpine-linux-musl", "riscv64-linux-gnu" },
        { "linux/ppc64le", "ppc64le", "ppc64el", "ppc64le", "ppc64le", "powerpc64le-linux-gnu", "powerpc64le-alpine-linux-musl", "powerpc64le-linux-gnu" },
        { "linux/s390x", "s390x", "s390x", "s390x", "s390x", "s390x-linux-gnu", "s390x-alpine-linux-musl", "s390x-linux-gnu" },
        { "linux/loong64", "loongarch64", "loong64", "loongarch64", "loongarch64", "loongarch64-linux-gnu", "loongarch64-alpine-linux-musl", "loongarch64-linux-gnu" },
        { "linux/386", "i386", "i386", "x86", "i386", "i686-linux-gnu", "i586-alpine-linux-musl", "x86-linux-gnu" },
        { "linux/mips", "mips", "mips", "mips", "mips", "mips-linux-gnu", "mips-alpine-linux-musl", "mips-linux-gnueabi" },
        { "linux/mipsle", "mipsle", "mipsel", "mipsle", "mipsel", "mipsel-linux-gnu", "mipsel-alpine-linux-musl", "mipsel-linux-gnueabi" },
        { "linux/mips64", "mips64", "mips64", "mips64", "mips64", "mips64-linux-gnuabi64", "mips64-alpine-linux-muslabi64", "mips64-linux-gnuabi64" },
        { "linux/mips64le", "mips64le", "mips64el", "mips64le", "mips64el", "mips64el-linux-gnuabi64", "mips64el-alpine-linux-muslabi64", "mips64el-linux-gnuabi64" },
    };

    [Theory]
    [MemberData(nameof(XxInfoRows))]
    public void Every_row_of_xx_info_is_in_the_table(string platform, string march, string debian, string alpine, string rhel, string triple, string muslTriple, string zig)
    {
        // Act
        var info = Platform.Parse(platform).Info;

        // Assert
        Assert.Equal((march, debian, alpine, rhel, triple, muslTriple, zig), (info.Uname, info.DebianArch, info.AlpineArch, info.RhelArch, info.GnuTriple, info.MuslTriple, info.ZigTarget));
    }

    [Theory]
    [InlineData("linux/amd64", "GOOS=linux GOARCH=amd64 GOAMD64=v1")]
    [InlineData("linux/amd64/v3", "GOOS=linux GOARCH=amd64 GOAMD64=v3")]
    [InlineData("linux/arm/v5", "GOOS=linux GOARCH=arm GOARM=5")]
    [InlineData("linux/arm/v6", "GOOS=linux GOARCH=arm GOARM=6")]
    [InlineData("linux/arm/v7", "GOOS=linux GOARCH=arm GOARM=7")]
    [InlineData("linux/arm/v8", "GOOS=linux GOARCH=arm GOARM=7")]
    [InlineData("linux/arm64", "GOOS=linux GOARCH=arm64 GOARM64=v8.0")]
    [InlineData("linux/386", "GOOS=linux GOARCH=386 GO386=sse2")]
    [InlineData("linux/riscv64", "GOOS=linux GOARCH=riscv64 GORISCV64=rva20u64")]
    [InlineData("linux/ppc64le", "GOOS=linux GOARCH=ppc64le GOPPC64=power8")]
    [InlineData("linux/s390x", "GOOS=linux GOARCH=s390x")]
    [InlineData("linux/mips/softfloat", "GOOS=linux GOARCH=mips GOMIPS=softfloat")]
    [InlineData("linux/mips64le", "GOOS=linux GOARCH=mips64le GOMIPS64=hardfloat")]
    [InlineData("windows/arm", "GOOS=windows GOARCH=arm GOARM=7")]
    [InlineData("darwin/arm64", "GOOS=darwin GOARCH=arm64 GOARM64=v8.0")]
    public void Each_platform_sets_every_Go_variable_that_applies(string platform, string expected)
    {
        var go = Platform.Parse(platform).Info.Go.ToVariables();

        Assert.Equal(expected, string.Join(' ', go.Select(v => $"{v.Key}={v.Value}")));
    }

    // tonistiigi/binfmt cmd/binfmt/config.go, byte for byte.
    [Theory]
    [InlineData("linux/amd64", "qemu-x86_64", @"\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00", @"\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff")]
    [InlineData("linux/arm64", "qemu-aarch64", @"\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00", @"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff")]
    [InlineData("linux/arm/v7", "qemu-arm", @"\x7f\x45\x4c\x46\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00", @"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff")]
    [InlineData("linux/s390x", "qemu-s390x", @"\x7f\x45\x4c\x46\x02\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x16", @"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff")]
    [InlineData("linux/ppc64le", "qemu-ppc64le", @"\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x15\x00", @"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\x00")]
    [InlineData("linux/riscv64", "qemu-riscv64", @"\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00", @"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff")]
    [InlineData("linux/386", "qemu-i386", @"\x7f\x45\x4c\x46\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00", @"\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff")]
    [InlineData("linux/mips64le", "qemu-mips64el", @"\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x08\x00", @"\xff\xff\xff\xff\xff\xff\xff\x00\x00\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff")]
    [InlineData("linux/mips64", "qemu-mips64", @"\x7f\x45\x4c\x46\x02\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x08", @"\xff\xff\xff\xff\xff\xff\xff\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff")]
    [InlineData("linux/loong64", "qemu-loongarch64", @"\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x02\x01", @"\xff\xff\xff\xff\xff\xff\xff\xfc\x00\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff")]
    public void Each_linux_platform_has_binfmts_emulator_magic_and_mask(string platform, string qemu, string magic, string mask)
    {
        var info = Platform.Parse(platform).Info;

        Assert.Equal((qemu, magic, mask), (info.Qemu, info.BinfmtMagic, info.BinfmtMask));
    }

    [Theory]
    [InlineData("linux/amd64", "linux-x64", "x86_64-unknown-linux-gnu")]
    [InlineData("linux/arm64", "linux-arm64", "aarch64-unknown-linux-gnu")]
    [InlineData("linux/arm/v7", "linux-arm", "armv7-unknown-linux-gnueabihf")]
    [InlineData("linux/arm/v6", null, "arm-unknown-linux-gnueabi")]
    [InlineData("linux/riscv64", "linux-riscv64", "riscv64gc-unknown-linux-gnu")]
    [InlineData("linux/386", null, "i686-unknown-linux-gnu")]
    [InlineData("linux/s390x", "linux-s390x", "s390x-unknown-linux-gnu")]
    [InlineData("darwin/arm64", "osx-arm64", "aarch64-apple-darwin")]
    [InlineData("windows/amd64", "win-x64", "x86_64-pc-windows-gnu")]
    public void Each_platform_has_its_dotnet_rid_and_rust_triple(string platform, string? rid, string rust)
    {
        var info = Platform.Parse(platform).Info;

        Assert.Equal((rid, rust), (info.DotnetRid, info.RustTriple));
    }

    [Theory]
    [InlineData("linux/amd64", BinaryFormat.Elf, 64, Endianness.Little, 62)]
    [InlineData("linux/arm/v6", BinaryFormat.Elf, 32, Endianness.Little, 40)]
    [InlineData("linux/s390x", BinaryFormat.Elf, 64, Endianness.Big, 22)]
    [InlineData("linux/mips", BinaryFormat.Elf, 32, Endianness.Big, 8)]
    [InlineData("windows/amd64", BinaryFormat.Pe, 64, Endianness.Little, 0x8664)]
    [InlineData("darwin/arm64", BinaryFormat.MachO, 64, Endianness.Little, 0x0100000c)]
    public void Each_platform_knows_what_its_binaries_look_like(string platform, BinaryFormat format, int bits, Endianness endianness, int machine)
    {
        Assert.Equal(new BinaryIdentity(format, bits, endianness, machine), Platform.Parse(platform).Info.Binary);
    }

    [Fact]
    public void The_table_has_one_row_per_platform_and_every_row_round_trips()
    {
        var names = PlatformInfo.All.Select(i => i.Platform.ToString()).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(PlatformInfo.All, i => Assert.Equal(i.Platform, Platform.Parse(i.Platform.ToString())));
        Assert.All(PlatformInfo.All.Where(i => i.Platform.Os == "linux"), i => Assert.NotNull(i.Qemu));
    }

    [Theory]
    [InlineData("linux/arm/v5", 5)]
    [InlineData("linux/arm/v6", 6)]
    [InlineData("linux/arm/v7", 7)]
    [InlineData("linux/arm64", null)]
    public void Arm_platforms_know_their_architecture_level(string platform, int? level)
    {
        Assert.Equal(level, Platform.Parse(platform).Info.ArmLevel);
    }
}

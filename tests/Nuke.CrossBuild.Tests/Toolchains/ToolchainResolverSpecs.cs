using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Toolchains;

namespace Nuke.CrossBuild.Tests.Toolchains;

public sealed class ToolchainResolverSpecs
{
    private static Func<string, string?> Has(params string[] tools) => name => tools.Contains(name) ? "/usr/bin/" + name : null;

    [Theory]
    [InlineData("linux/arm64", "aarch64-linux-gnu-gcc", "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")]
    [InlineData("linux/arm/v7", "arm-linux-gnueabihf-gcc", "/usr/lib/arm-linux-gnueabihf/pkgconfig:/usr/share/pkgconfig")]
    [InlineData("linux/arm/v6", "arm-linux-gnueabi-gcc", "/usr/lib/arm-linux-gnueabi/pkgconfig:/usr/share/pkgconfig")]
    [InlineData("linux/386", "i686-linux-gnu-gcc", "/usr/lib/i386-linux-gnu/pkgconfig:/usr/share/pkgconfig")]
    [InlineData("linux/ppc64le", "powerpc64le-linux-gnu-gcc", "/usr/lib/powerpc64le-linux-gnu/pkgconfig:/usr/share/pkgconfig")]
    public void The_debian_cross_gcc_is_chosen_with_the_targets_pkg_config_directory(string platform, string cc, string pkgConfigDir)
    {
        var toolchain = ToolchainResolver.Resolve(Platform.Parse(platform), Libc.Gnu, Has(cc), _ => true);

        Assert.True(toolchain.Found);
        Assert.Equal(("gcc", cc, pkgConfigDir), (toolchain.Kind, toolchain.CC, toolchain.PkgConfigLibDir));
    }

    [Fact]
    public void Clang_with_the_target_sysroot_and_lld_stands_in_when_gcc_is_missing()
    {
        var toolchain = ToolchainResolver.Resolve(Platform.LinuxArm64, Libc.Gnu, Has("clang", "ld.lld"), _ => true);

        Assert.Equal("clang --target=aarch64-linux-gnu --sysroot=/usr/aarch64-linux-gnu -fuse-ld=lld", toolchain.CC);
    }

    [Theory]
    [InlineData("linux/s390x")]
    [InlineData("linux/riscv64")]
    public void Clang_with_lld_is_never_used_for_s390x_or_riscv64(string platform)
    {
        var toolchain = ToolchainResolver.Resolve(Platform.Parse(platform), Libc.Gnu, Has("clang", "ld.lld"), _ => true);

        Assert.False(toolchain.Found);
        Assert.Contains("-gcc is not on PATH", toolchain.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_toolchain_names_the_packages_to_install()
    {
        var toolchain = ToolchainResolver.Resolve(Platform.LinuxRiscV64, Libc.Gnu, Has(), _ => false);

        Assert.Equal(["gcc-riscv64-linux-gnu", "libc6-dev-riscv64-cross"], toolchain.MissingPackages);
        Assert.Equal("no C cross compiler for linux/riscv64: riscv64-linux-gnu-gcc is not on PATH; install gcc-riscv64-linux-gnu libc6-dev-riscv64-cross (crossbuild toolchain install linux/riscv64)", toolchain.Problem);
    }

    [Fact]
    public void Musl_cross_builds_use_the_cross_gcc_with_debians_musl_specs_else_zig_else_explain()
    {
        var gcc = ToolchainResolver.Resolve(Platform.LinuxArmV7, Libc.Musl, Has("arm-linux-gnueabihf-gcc", "zig"), path => path == "/usr/lib/arm-linux-musleabihf/musl-gcc.specs");
        var zig = ToolchainResolver.Resolve(Platform.LinuxArmV7, Libc.Musl, Has("zig"), _ => false);
        var none = ToolchainResolver.Resolve(Platform.LinuxArmV7, Libc.Musl, Has(), _ => false);

        Assert.Equal("arm-linux-gnueabihf-gcc -specs /usr/lib/arm-linux-musleabihf/musl-gcc.specs", gcc.CC);
        Assert.Equal("zig cc -target arm-linux-musleabihf", zig.CC);
        Assert.Contains("no musl cross compiler for linux/arm/v7", none.Problem, StringComparison.Ordinal);
        Assert.Equal(["gcc-arm-linux-gnueabihf", "musl-dev:armhf"], none.MissingPackages);
    }

    [Fact]
    public void Cgo_for_windows_or_darwin_needs_their_sdk()
    {
        Assert.Contains("needs that OS's SDK", ToolchainResolver.Resolve(Platform.Parse("darwin/arm64")).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_builds_its_own_platform_with_gcc_or_musl_gcc()
    {
        var host = Platform.Host;

        Assert.Equal("gcc", ToolchainResolver.Resolve(host, Libc.Gnu, Has("gcc"), _ => true).CC);
        Assert.Equal("musl-gcc", ToolchainResolver.Resolve(host, Libc.Musl, Has("musl-gcc"), _ => true).CC);
    }

    [Theory]
    [InlineData("linux/arm64", "gcc-aarch64-linux-gnu libc6-dev-arm64-cross libsqlite3-dev:arm64")]
    [InlineData("linux/arm/v6", "gcc-arm-linux-gnueabi libc6-dev-armel-cross libsqlite3-dev:armel")]
    [InlineData("linux/ppc64le", "gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross libsqlite3-dev:ppc64el")]
    public void Packages_follow_the_xx_apt_naming(string platform, string expected)
    {
        Assert.Equal(expected, string.Join(" ", ToolchainPackages.For(Platform.Parse(platform), Libc.Gnu, ["libsqlite3-dev"])));
    }

    [Fact]
    public void Installing_dev_packages_adds_their_architecture_first()
    {
        var commands = ToolchainInstaller.Commands(["gcc-aarch64-linux-gnu", "libsqlite3-dev:arm64"]);

        Assert.Equal(["dpkg --add-architecture arm64", "apt-get update -qq", "apt-get install -y --no-install-recommends gcc-aarch64-linux-gnu libsqlite3-dev:arm64"], commands.Select(c => string.Join(' ', c)));
    }
}

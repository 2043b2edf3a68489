using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Platforms;

public sealed class PlatformParsingSpecs
{
    [Theory]
    [InlineData("arm64", "linux/arm64")]
    [InlineData("aarch64", "linux/arm64")]
    [InlineData("linux/arm64/v8", "linux/arm64")]
    [InlineData("linux/aarch64", "linux/arm64")]
    [InlineData("x86_64", "linux/amd64")]
    [InlineData("x86-64", "linux/amd64")]
    [InlineData("linux/amd64/v1", "linux/amd64")]
    [InlineData("linux/amd64/v3", "linux/amd64/v3")]
    [InlineData("linux/arm", "linux/arm/v7")]
    [InlineData("armhf", "linux/arm/v7")]
    [InlineData("armv7", "linux/arm/v7")]
    [InlineData("armv7l", "linux/arm/v7")]
    [InlineData("armel", "linux/arm/v6")]
    [InlineData("armv6l", "linux/arm/v6")]
    [InlineData("linux/arm/6", "linux/arm/v6")]
    [InlineData("linux/arm/v5", "linux/arm/v5")]
    [InlineData("linux/arm/v8", "linux/arm/v8")]
    [InlineData("i386", "linux/386")]
    [InlineData("i686", "linux/386")]
    [InlineData("x86", "linux/386")]
    [InlineData("LINUX/ARM64", "linux/arm64")]
    [InlineData("Linux/X86_64", "linux/amd64")]
    [InlineData("  linux/riscv64 ", "linux/riscv64")]
    [InlineData("ppc64el", "linux/ppc64le")]
    [InlineData("s390x", "linux/s390x")]
    [InlineData("loongarch64", "linux/loong64")]
    [InlineData("linux/mipsel", "linux/mipsle")]
    [InlineData("linux/mips/softfloat", "linux/mips/softfloat")]
    [InlineData("linux/mips64el/hardfloat", "linux/mips64le")]
    [InlineData("darwin/arm64", "darwin/arm64")]
    [InlineData("macos/x86_64", "darwin/amd64")]
    [InlineData("windows/amd64", "windows/amd64")]
    [InlineData("windows/arm", "windows/arm/v7")]
    [InlineData("freebsd/amd64", "freebsd/amd64")]
    public void I_can_parse_and_normalize_a_platform(string input, string expected)
    {
        // Act
        var platform = Platform.Parse(input);

        // Assert
        Assert.Equal(expected, platform.ToString());
        Assert.Equal(platform, Platform.Parse(platform.ToString()));
    }

    [Theory]
    [InlineData("", "expected os/arch[/variant]")]
    [InlineData("linux/", "expected os/arch[/variant]")]
    [InlineData("linux/arm/v7/extra", "expected os/arch[/variant]")]
    [InlineData("plan9/amd64", "unknown os 'plan9'")]
    [InlineData("linux/sparc64", "unknown architecture 'sparc64'")]
    [InlineData("linux/ppc64", "unsupported target os=linux arch=ppc64")]
    [InlineData("linux/arm/v9", "unsupported variant 'v9' for linux/arm")]
    [InlineData("linux/amd64/v5", "unsupported variant 'v5' for linux/amd64")]
    [InlineData("linux/riscv64/v1", "unsupported variant 'v1' for linux/riscv64")]
    [InlineData("linux/armhf/v6", "'armhf' already means arm/v7, got variant 'v6'")]
    [InlineData("darwin/386", "unsupported target os=darwin arch=386")]
    public void I_cannot_parse_an_invalid_or_unsupported_platform(string input, string reason)
    {
        // Act
        var error = Assert.Throws<UnsupportedPlatformException>(() => Platform.Parse(input));

        // Assert
        Assert.StartsWith($"invalid platform '{input}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void I_can_try_to_parse_without_an_exception()
    {
        Assert.True(Platform.TryParse("armhf", out var platform, out _));
        Assert.Equal(Platform.LinuxArmV7, platform);
        Assert.False(Platform.TryParse("nope", out _, out var error));
        Assert.Contains("unknown architecture 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Platforms_are_equal_by_value_and_have_a_slug()
    {
        Assert.Equal(Platform.Parse("armhf"), Platform.Parse("linux/arm/v7"));
        Assert.True(Platform.Parse("aarch64") == Platform.LinuxArm64);
        Assert.Equal("linux_arm_v7", Platform.LinuxArmV7.ToSlug());
    }

    [Fact]
    public void The_host_platform_is_in_the_table()
    {
        Assert.Equal(Platform.Host, PlatformInfo.For(Platform.Host).Platform);
    }
}

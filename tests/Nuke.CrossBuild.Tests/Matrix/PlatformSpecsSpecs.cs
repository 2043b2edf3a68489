using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Matrix;

public sealed class PlatformSpecsSpecs
{
    private static string Expand(params string[] specs) => string.Join(" ", PlatformSelection.Of(specs).Expand());

    [Fact]
    public void I_can_expand_the_all_preset_to_the_docker_library_set()
    {
        Assert.Equal("linux/amd64 linux/arm64 linux/arm/v7 linux/arm/v6 linux/386 linux/ppc64le linux/s390x linux/riscv64", Expand("all"));
    }

    [Fact]
    public void I_can_expand_the_common_preset()
    {
        Assert.Equal("linux/amd64 linux/arm64 linux/arm/v7", Expand("common"));
    }

    [Theory]
    [InlineData("linux/amd64,linux/arm64", "linux/amd64 linux/arm64")]
    [InlineData("linux/amd64 linux/arm64", "linux/amd64 linux/arm64")]
    [InlineData("arm64, aarch64 ,linux/arm64/v8", "linux/arm64")]
    [InlineData("armhf,linux/arm,armv7l", "linux/arm/v7")]
    [InlineData("riscv64,common", "linux/riscv64 linux/amd64 linux/arm64 linux/arm/v7")]
    public void I_can_list_platforms_and_duplicates_are_removed_after_normalization(string specs, string expected)
    {
        Assert.Equal(expected, Expand(specs));
    }

    [Theory]
    [InlineData("linux/arm/*", "linux/arm/v7 linux/arm/v6 linux/arm/v5 linux/arm/v8")]
    [InlineData("linux/amd64/*", "linux/amd64 linux/amd64/v2 linux/amd64/v3 linux/amd64/v4")]
    [InlineData("linux/mips*", "linux/mips linux/mipsle linux/mips64 linux/mips64le")]
    [InlineData("darwin/*", "darwin/amd64 darwin/arm64")]
    [InlineData("*/arm64", "linux/arm64 darwin/arm64 windows/arm64 freebsd/arm64")]
    public void I_can_select_platforms_with_wildcards(string pattern, string expected)
    {
        Assert.Equal(expected, Expand(pattern));
    }

    [Theory]
    [InlineData("all,!linux/386", "linux/amd64 linux/arm64 linux/arm/v7 linux/arm/v6 linux/ppc64le linux/s390x linux/riscv64")]
    [InlineData("!linux/386 all", "linux/amd64 linux/arm64 linux/arm/v7 linux/arm/v6 linux/ppc64le linux/s390x linux/riscv64")]
    [InlineData("all !linux/arm/* !i686", "linux/amd64 linux/arm64 linux/ppc64le linux/s390x linux/riscv64")]
    public void I_can_exclude_platforms_wherever_the_exclusion_stands(string specs, string expected)
    {
        Assert.Equal(expected, Expand(specs));
    }

    [Theory]
    [InlineData("linux/nope", "unknown architecture 'nope'")]
    [InlineData("solaris/*", "matches no known platform")]
    [InlineData("!", "an exclusion needs a platform")]
    [InlineData("*", "a wildcard needs os/arch")]
    public void I_cannot_expand_an_invalid_spec(string spec, string reason)
    {
        var error = Assert.Throws<UnsupportedPlatformException>(() => PlatformSelection.Of([spec]).Expand());

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_old_expand_is_obsolete_and_names_its_replacement()
    {
        var messages = typeof(PlatformSpecs).GetMethods().Where(m => m.Name == "Expand").Select(m => m.GetCustomAttributes(typeof(ObsoleteAttribute), false).Cast<ObsoleteAttribute>().SingleOrDefault()?.Message).ToList();

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.StartsWith("Use PlatformSelection.Of(", m, StringComparison.Ordinal));
    }
}

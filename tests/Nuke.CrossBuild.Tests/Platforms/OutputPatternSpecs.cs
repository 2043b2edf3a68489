using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Platforms;

/// <summary>A file's platform from its path, by the output pattern go build -o used.</summary>
public sealed class OutputPatternSpecs
{
    [Theory]
    [InlineData("/d/{platform}/{name}", "/d/linux_arm_v6/app", "linux/arm/v6")]
    [InlineData("/d/{platform}/{name}", "/d/linux_amd64/app", "linux/amd64")]
    [InlineData("/d/{os}_{arch}[_{variant}]/{name}[.exe]", "/d/windows_arm64/app.exe", "windows/arm64")]
    [InlineData("/d/{os}_{arch}[_{variant}]/{name}[.exe]", "/d/linux_amd64_v3/app", "linux/amd64/v3")]
    [InlineData("/d/{name}-{os}-{arch}", "/d/app-linux-arm", "linux/arm/v7")] // a bare os/arch means what Go's default means
    [InlineData("/d/{name}-{os}-{arch}", "/d/app-darwin-arm64", "darwin/arm64")]
    [InlineData("/d/{name}-{os}-{arch}", "/d/my-linux-app-linux-riscv64", "linux/riscv64")] // dashes in the name
    public void The_path_names_the_platform(string pattern, string file, string expected)
        => Assert.Equal(Platform.Parse(expected), OutputPattern.PlatformOf(pattern, file));

    [Fact]
    public void A_path_the_pattern_cannot_give_is_an_error_naming_both()
    {
        var e = Assert.Throws<InputException>(() => OutputPattern.PlatformOf("/d/{platform}/{name}", "/d/app"));

        Assert.Equal("file /d/app does not match the output pattern /d/{platform}/{name}: expected a path the pattern gives for some platform", e.Message);
    }

    [Fact]
    public void A_pattern_that_cannot_tell_platforms_apart_is_an_error()
    {
        var e = Assert.Throws<InputException>(() => OutputPattern.PlatformOf("/d/{os}/{name}", "/d/linux/app"));

        Assert.StartsWith("file /d/linux/app matches the output pattern /d/{os}/{name} for linux/amd64, ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("expected one platform; put {variant} or {platform} in the pattern", e.Message, StringComparison.Ordinal);
    }
}

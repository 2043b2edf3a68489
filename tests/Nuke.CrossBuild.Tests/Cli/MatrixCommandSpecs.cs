using System.Text.Json;

namespace Nuke.CrossBuild.Tests.Cli;

public sealed class MatrixCommandSpecs
{
    [Fact]
    public void Json_lists_platform_and_mode_for_the_given_host()
    {
        var (exitCode, stdout, _) = CliRunner.Run("matrix", "all", "!linux/386", "--host", "linux/arm64", "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        var modes = json.RootElement.EnumerateArray().Select(e => $"{e.GetProperty("platform").GetString()}={e.GetProperty("mode").GetString()}");
        Assert.Equal(["linux/amd64=cross", "linux/arm64=native", "linux/arm/v7=cross", "linux/arm/v6=cross", "linux/ppc64le=cross", "linux/s390x=cross", "linux/riscv64=cross"], modes);
    }

    [Fact]
    public void Github_prints_an_include_matrix_with_axes_on_one_line()
    {
        var (exitCode, stdout, _) = CliRunner.Run("matrix", "linux/amd64", "--host", "linux/amd64", "--axis", "libc=gnu,musl", "--github");

        Assert.Equal(0, exitCode);
        Assert.Single(stdout.TrimEnd().Split('\n'));
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["gnu", "musl"], json.RootElement.GetProperty("include").EnumerateArray().Select(e => e.GetProperty("libc").GetString()));
    }

    [Fact]
    public void Emulating_the_build_stage_shows_in_the_table()
    {
        var (exitCode, stdout, _) = CliRunner.Run("matrix", "linux/riscv64", "--host", "linux/amd64", "--emulate-build-stage");

        Assert.Equal(0, exitCode);
        Assert.Contains("emulated", stdout, StringComparison.Ordinal);
        Assert.Contains("qemu-riscv64", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--axis", "libc")]
    [InlineData("--axis", "mode=a")]
    [InlineData("--host", "linux/nope")]
    public void A_bad_axis_or_host_exits_2(string option, string value)
    {
        var (exitCode, _, stderr) = CliRunner.Run("matrix", "common", option, value);

        Assert.Equal(2, exitCode);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }
}

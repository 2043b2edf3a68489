using System.Text.Json;

namespace Nuke.CrossBuild.Tests.Cli;

public sealed class PlatformCommandSpecs
{
    private static readonly string[] ContractKeys =
        ["platform", "os", "architecture", "variant", "go", "uname", "debianArch", "alpineArch", "rhelArch", "gnuTriple", "muslTriple", "rustTriple", "dotnetRid", "qemu", "qemuCpu", "elf"];

    [Fact]
    public void Json_for_one_platform_is_one_object_with_exactly_the_contract_keys()
    {
        var (exitCode, stdout, _) = CliRunner.Run("platform", "armel", "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(ContractKeys, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("linux/arm/v6", root.GetProperty("platform").GetString());
        Assert.Equal("""{"GOOS":"linux","GOARCH":"arm","GOARM":"6"}""", root.GetProperty("go").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("dotnetRid").ValueKind);
        Assert.Equal(40, root.GetProperty("elf").GetProperty("machine").GetInt32());
        Assert.Equal("little", root.GetProperty("elf").GetProperty("endianness").GetString());
    }

    [Fact]
    public void Json_for_several_platforms_is_an_array_and_a_missing_variant_is_null()
    {
        var (exitCode, stdout, _) = CliRunner.Run("platform", "linux/s390x", "aarch64", "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.RootElement[0].GetProperty("variant").ValueKind);
        Assert.Equal("big", json.RootElement[0].GetProperty("elf").GetProperty("endianness").GetString());
        Assert.Equal("linux/arm64", json.RootElement[1].GetProperty("platform").GetString());
    }

    [Fact]
    public void The_human_table_has_a_column_per_platform()
    {
        var (exitCode, stdout, _) = CliRunner.Run("platform", "armhf", "riscv64");

        Assert.Equal(0, exitCode);
        Assert.Contains("linux/arm/v7", stdout.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("linux/riscv64", stdout.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("riscv64gc-unknown-linux-gnu", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("linux/ppc64")]
    [InlineData("sparc")]
    public void An_invalid_platform_exits_2_with_one_line(string platform)
    {
        var (exitCode, stdout, stderr) = CliRunner.Run("platform", platform);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains($"invalid platform '{platform}'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_argument_or_unknown_option_is_a_usage_error()
    {
        Assert.Equal(2, CliRunner.Run("platform").ExitCode);
        Assert.Equal(2, CliRunner.Run("platform", "arm64", "--nope").ExitCode);
        Assert.Equal(2, CliRunner.Run().ExitCode);
    }

    [Fact]
    public void Help_and_version_exit_0()
    {
        var help = CliRunner.Run("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Exit codes: 0 ok, 1 check or operation failed, 2 usage error, 70 internal error, 130 interrupted (SIGINT), 143 terminated (SIGTERM)", help.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("platform", "--help").ExitCode);
        Assert.Equal(0, CliRunner.Run("--version").ExitCode);
    }
}

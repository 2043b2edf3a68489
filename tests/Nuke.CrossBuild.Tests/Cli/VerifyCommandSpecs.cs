using System.Text.Json;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Verification;

namespace Nuke.CrossBuild.Tests.Cli;

public sealed class VerifyCommandSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Matching_files_exit_0()
    {
        var file = new ElfFixture { Machine = 183 }.WriteTo(dir.Path, "app");

        var (exitCode, stdout, stderr) = CliRunner.Run("verify", "--platform", "linux/arm64", "--static", file);

        Assert.Equal(0, exitCode);
        Assert.Empty(stderr);
        Assert.StartsWith($"ok {file}: ELF 64-bit LSB executable, ARM aarch64", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_missing_or_dynamic_file_exits_1_and_every_file_is_checked()
    {
        var good = new ElfFixture { Machine = 183 }.WriteTo(dir.Path, "good");
        var wrong = new ElfFixture { Machine = 62 }.WriteTo(dir.Path, "wrong");
        var dynamic = new ElfFixture { Machine = 183, Interpreter = "/lib/ld-linux-aarch64.so.1", Needed = ["libc.so.6"] }.WriteTo(dir.Path, "dynamic");

        var (exitCode, stdout, stderr) = CliRunner.Run("verify", "--platform", "arm64", "--static", good, wrong, dir.Combine("missing"), dynamic);

        Assert.Equal(1, exitCode);
        Assert.Contains($"ok {good}", stdout, StringComparison.Ordinal);
        var problems = stderr.TrimEnd().Split('\n');
        Assert.Equal(3, problems.Length);
        Assert.StartsWith($"file {wrong} does not match expected target architecture arm64", problems[0], StringComparison.Ordinal);
        Assert.Equal($"file {dir.Combine("missing")} is not a linux/arm64 binary: no such file", problems[1]);
        Assert.StartsWith($"file {dynamic} is not statically linked", problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_checks_each_file_against_the_platform_its_path_names()
    {
        var arm64 = new ElfFixture { Machine = 183 }.WriteTo(Directory.CreateDirectory(dir.Combine("linux_arm64")).FullName, "app");
        var s390x = new ElfFixture { Machine = 22, BigEndian = true }.WriteTo(Directory.CreateDirectory(dir.Combine("linux_s390x")).FullName, "app");
        var misplaced = new ElfFixture { Machine = 62 }.WriteTo(Directory.CreateDirectory(dir.Combine("linux_riscv64")).FullName, "app");

        var (exitCode, stdout, stderr) = CliRunner.Run("verify", "--pattern", dir.Combine("{platform}", "{name}"), arm64, s390x, misplaced);

        Assert.Equal(1, exitCode);
        Assert.Contains($"ok {arm64}: ELF 64-bit LSB executable, ARM aarch64", stdout, StringComparison.Ordinal);
        Assert.Contains($"ok {s390x}: ELF 64-bit MSB executable, IBM S/390", stdout, StringComparison.Ordinal);
        Assert.StartsWith($"file {misplaced} does not match expected target architecture riscv64", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Platform_and_pattern_together_are_a_usage_error()
    {
        var (exitCode, _, stderr) = CliRunner.Run("verify", "--platform", "linux/arm64", "--pattern", "{platform}/{name}", "x");

        Assert.Equal(2, exitCode);
        Assert.Equal("crossbuild: --platform and --pattern exclude each other: with --pattern each file's path names its platform\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_invalid_platform_exits_2()
    {
        var (exitCode, _, stderr) = CliRunner.Run("verify", "--platform", "linux/arm/v9", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains("invalid platform 'linux/arm/v9'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_prints_a_report_per_file_with_ok_and_problems()
    {
        var file = new ElfFixture { Class = 32, Machine = 40, GoSettings = [("GOOS", "linux"), ("GOARCH", "arm"), ("GOARM", "7")] }.WriteTo(dir.Path, "app");

        var (exitCode, stdout, _) = CliRunner.Run("verify", "--platform", "linux/arm/v6", "--json", file);

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(stdout);
        var report = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(file, report.GetProperty("file").GetString());
        Assert.False(report.GetProperty("ok").GetBoolean());
        Assert.Contains("needs ARMv7", report.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(7, report.GetProperty("armLevel").GetInt32());
        Assert.Equal("7", report.GetProperty("go").GetProperty("settings").GetProperty("GOARM").GetString());
        Assert.Equal(40, report.GetProperty("machine").GetInt32());
    }
}

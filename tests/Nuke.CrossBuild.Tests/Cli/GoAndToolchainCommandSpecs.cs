using System.Text.Json;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Toolchains.Go;

namespace Nuke.CrossBuild.Tests.Cli;

public sealed class GoAndToolchainCommandSpecs
{
    [Fact]
    public void A_dry_run_prints_each_platforms_command()
    {
        var (exitCode, stdout, _) = CliRunner.Run("go", "build", "--platforms", "linux/arm/v6,windows/amd64", "--name", "app", "--strip", "--jobs", "1", "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            ["GOOS=linux GOARCH=arm GOARM=6 CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o artifacts/bin/linux_arm_v6/app .",
             "GOOS=windows GOARCH=amd64 GOAMD64=v1 CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o artifacts/bin/windows_amd64/app.exe ."],
            stdout.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_dry_run_shows_how_builds_side_by_side_share_the_cores()
    {
        var (exitCode, stdout, _) = CliRunner.Run("go", "build", "--platforms", "linux/arm64,linux/riscv64,linux/s390x", "--jobs", "2", "--dry-run");

        Assert.Equal(0, exitCode);
        var p = Math.Max(1, Environment.ProcessorCount / 2);
        Assert.All(stdout.TrimEnd().Split('\n'), line => Assert.Contains($" go build -p {p} -trimpath ", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--libc", "glibc")]
    [InlineData("--jobs", "0")]
    [InlineData("--platforms", "linux/nope")]
    public void Bad_options_exit_2(string option, string value)
    {
        string[] args = option == "--platforms" ? ["go", "build", option, value, "--dry-run"] : ["go", "build", "--platforms", "common", option, value, "--dry-run"];

        Assert.Equal(2, CliRunner.Run(args).ExitCode);
    }

    [Fact]
    public void Toolchain_env_prints_the_go_environment_in_every_format()
    {
        var sh = CliRunner.Run("toolchain", "env", "linux/arm/v7");
        var github = CliRunner.Run("toolchain", "env", "linux/arm/v7", "--format", "github");
        var json = CliRunner.Run("toolchain", "env", "linux/arm/v7", "--format", "json");

        Assert.Equal("export GOOS='linux'\nexport GOARCH='arm'\nexport GOARM='7'\nexport CGO_ENABLED='0'", sh.StdOut.TrimEnd());
        Assert.Equal("GOOS=linux\nGOARCH=arm\nGOARM=7\nCGO_ENABLED=0", github.StdOut.TrimEnd());
        Assert.Equal("7", JsonDocument.Parse(json.StdOut).RootElement.GetProperty("GOARM").GetString());
        Assert.Equal(2, CliRunner.Run("toolchain", "env", "linux/arm/v7", "--format", "yaml").ExitCode);
    }

    [Fact]
    public async Task Toolchain_env_with_cgo_names_the_cross_compiler()
    {
        await Requires.ToolAsync("aarch64-linux-gnu-gcc", "C cross compiler");

        var (exitCode, stdout, _) = CliRunner.Run("toolchain", "env", "arm64", "--cgo", "--format", "json");

        Assert.Equal(0, exitCode);
        Assert.Equal("aarch64-linux-gnu-gcc", JsonDocument.Parse(stdout).RootElement.GetProperty("CC").GetString());
    }

    [Fact]
    public void Toolchain_install_dry_run_prints_the_apt_commands()
    {
        var (exitCode, stdout, _) = CliRunner.Run("toolchain", "install", "linux/riscv64", "--dry-run", "--dev", "libsqlite3-dev");

        Assert.Equal(0, exitCode);
        Assert.Equal("would run: dpkg --add-architecture riscv64\nwould run: apt-get update -qq\nwould run: apt-get install -y --no-install-recommends gcc-riscv64-linux-gnu libc6-dev-riscv64-cross libsqlite3-dev:riscv64", stdout.TrimEnd());
    }

    [Fact(Timeout = 600_000)]
    public async Task Go_build_prints_the_summary_table_and_json()
    {
        await Requires.GoAsync();
        using var dir = new TempDirectory();

        var (exitCode, stdout, stderr) = CliRunner.Run("go", "build", "-C", GoBuilder.AssetDirectory("hello"), "--platforms", "linux/arm64,linux/s390x", "--static", "--smoke", "", "-o", dir.Combine("{platform}", "{name}"), "--json");

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["hello from linux/arm64", "hello from linux/s390x"], json.RootElement.EnumerateArray().Select(r => r.GetProperty("smoke").GetString()));
        Assert.Contains("[linux/s390x] smoke (", stderr, StringComparison.Ordinal);
        Assert.True(GoTasks.DefaultJobs() >= 1);
    }
}

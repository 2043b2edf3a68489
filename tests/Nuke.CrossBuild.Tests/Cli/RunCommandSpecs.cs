using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Cli;

/// <summary><c>crossbuild run</c> runs a binary as the platform's weakest CPU would, under the real QEMU: what would crash on the device crashes here.</summary>
public sealed class RunCommandSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private Task<string> BuildAsync(string platform, string name, params (string, string?)[] env)
        => GoBuilder.BuildAsync("hello", Platform.Parse(platform), dir.Combine(name), extraEnv: env.ToDictionary(e => e.Item1, e => e.Item2));

    [Fact(Timeout = 300_000)]
    public async Task A_goarm7_binary_run_as_arm_v6_dies_with_sigill_as_on_a_raspberry_pi_zero()
    {
        await Requires.GoAsync();
        var v7 = await BuildAsync("linux/arm/v7", "arm7");
        var v6 = await BuildAsync("linux/arm/v6", "arm6");

        var crash = CliRunner.Run("run", "--platform", "linux/arm/v6", v7);
        var fine = CliRunner.Run("run", "--platform", "linux/arm/v6", v6);

        Assert.Equal(132, crash.ExitCode);
        Assert.Contains($"linux/arm/v6 via binfmt qemu-arm", crash.StdErr, StringComparison.Ordinal);
        Assert.Contains($"killed by SIGILL (illegal instruction): {v7} uses instructions the linux/arm/v6 CPU (ARMv6 ARM1176 (Raspberry Pi Zero/1)) does not have; build it with GOARM=6", crash.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, fine.ExitCode);
        Assert.Equal("hello from linux/arm/v6", fine.StdOut.Trim());
    }

    [Fact(Timeout = 300_000)]
    public async Task An_amd64_binary_gets_exactly_the_micro_architecture_level_of_the_platform()
    {
        await Requires.GoAsync();
        var v3 = await BuildAsync("linux/amd64/v3", "v3");

        var onV2 = CliRunner.Run("run", "--platform", "linux/amd64/v2", v3);
        var onV3 = CliRunner.Run("run", "--platform", "linux/amd64/v3", "--emulate", v3);

        Assert.Equal(1, onV2.ExitCode);
        Assert.Contains("This program can only be run on AMD64 processors with v3 microarchitecture support.", onV2.StdOut, StringComparison.Ordinal);
        Assert.Contains("via qemu-x86_64-static (cpu Nehalem): exit 1", onV2.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, onV3.ExitCode);
        Assert.Contains("(cpu Haswell-noTSX)", onV3.StdErr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_binary_that_needs_no_more_than_the_host_runs_natively_and_its_exit_code_passes_through()
    {
        await Requires.GoAsync();
        var amd64 = await BuildAsync("linux/amd64", "amd64");

        var native = CliRunner.Run("run", "--platform", "linux/amd64", amd64);
        var missing = CliRunner.Run("run", "--platform", "linux/arm64", dir.Combine("nothing"));

        Assert.Equal(0, native.ExitCode);
        Assert.Contains("linux/amd64 via native: exit 0", native.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("crossbuild: cannot run", missing.StdErr, StringComparison.Ordinal);
    }
}

using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Packages;

/// <summary>The Native AOT crossbuild: published trim- and AOT-clean for linux-x64 and linux-arm64, answering as the managed CLI does.</summary>
public sealed class NativeExecutableSpecs
{
    [Fact(Timeout = 900_000)]
    public async Task The_linux_x64_executable_answers_exactly_as_the_managed_cli()
    {
        await Requires.AotLinkerAsync();
        var executable = Path.Combine(await CrossbuildTool.DirectoryAsync("linux-x64"), "crossbuild");
        string[][] commands = [["platform", "linux/arm/v6", "--json"], ["matrix", "common", "--json"], ["verify", "--platform", "linux/amd64", executable], ["verify", "--platform", "linux/arm64", executable]];

        foreach (var args in commands)
        {
            var native = await Tool.RunAsync(executable, args, cancellationToken: TestContext.Current.CancellationToken);
            var managed = await Tool.RunAsync("dotnet", [RepoPaths.CliDll, .. args], cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal((managed.ExitCode, managed.StdOut, managed.StdErr), (native.ExitCode, native.StdOut, native.StdErr));
        }

        Assert.True(BinaryVerifier.Verify(executable, Platform.Parse("linux/amd64")).Ok);
    }

    [Fact(Timeout = 900_000)]
    public async Task The_linux_arm64_executable_cross_published_here_verifies_itself_under_qemu()
    {
        await Requires.AotLinkerAsync();
        await Requires.EmulatorAsync("linux/arm64");
        var executable = Path.Combine(await CrossbuildTool.DirectoryAsync("linux-arm64"), "crossbuild");

        var verification = BinaryVerifier.Verify(executable, Platform.Parse("linux/arm64"));
        var run = await BinaryRunner.RunAsync(executable, Platform.Parse("linux/arm64"), ["verify", "--platform", "linux/arm64", executable], TimeSpan.FromMinutes(2), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(verification.Ok, string.Join("; ", verification.Problems));
        Assert.True(run.ExitCode == 0, $"{run.How}: exit {run.ExitCode}: {run.Output}");
        Assert.StartsWith($"ok {executable}: ELF 64-bit LSB executable, ARM aarch64", run.Output, StringComparison.Ordinal);
    }
}

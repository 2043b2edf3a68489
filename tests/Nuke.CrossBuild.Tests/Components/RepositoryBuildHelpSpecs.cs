using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Components;

/// <summary>
/// docs/nuke.md's <c>dotnet run --project build -- --help</c>, run as the built program: against the stand-ins it lists
/// the graph and the parameters and exits 0 as NUKE's help does; a target run says what it needs and exits 1.
/// </summary>
public sealed class RepositoryBuildHelpSpecs
{
    private static string BuildDll => Path.Combine(RepoPaths.Root, "build", "bin", RepoPaths.Configuration, "net10.0", "_build.dll");

    private static async Task<(int ExitCode, CliProcess Process)> RunAsync(params string[] args)
    {
        var process = CliProcess.StartCommand(["dotnet", BuildDll, .. args], workingDirectory: RepoPaths.Root);
        return (await process.WaitForExitAsync(TimeSpan.FromMinutes(1)), process);
    }

    [Fact]
    public async Task Help_lists_the_targets_and_parameters_and_exits_zero()
    {
        var (exitCode, process) = await RunAsync("--help");
        using var _ = process;

        Assert.Equal(0, exitCode);
        Assert.Contains("  VerifyImages (default)", process.StdOut);
        Assert.Contains(process.StdOut, l => l.StartsWith("  --require-static ", StringComparison.Ordinal));
        Assert.Contains(process.StdOut, l => l.StartsWith("  --target ", StringComparison.Ordinal) && l.EndsWith("Default is 'VerifyImages'.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_target_run_against_the_stand_ins_exits_one_and_names_the_real_package_switch()
    {
        var (exitCode, process) = await RunAsync("VerifyBinaries");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains(process.StdErr, l => l.Contains("--property:UseNukeCommon=true", StringComparison.Ordinal));
    }
}

using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Eng;

/// <summary>
/// eng/provision-debian.sh's package solve against a fresh root (an empty dpkg status) with today's Debian suites: a
/// dependency that moves in bookworm-backports or trixie fails here, naming the package, instead of failing a new user
/// (2026-12-07: backports' qemu-user-static started to depend on qemu-user-binfmt). Nothing is installed.
/// </summary>
[Collection(nameof(ProvisionSolveSpecs))]
public sealed class ProvisionSolveSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory(Timeout = 600_000)]
    [InlineData("--no-engine")]
    [InlineData("--engine")]
    public async Task The_provisioning_solves_from_a_fresh_root_without_a_newer_suites_libc(string mode)
    {
        var result = await SimulateAsync(mode);

        Assert.True(result.ExitCode == 0, $"the solve failed (exit {result.ExitCode}):\n{result.StdErr}\n{result.StdOut}");
        var chosen = Chosen(result.StdOut);
        Assert.StartsWith("2.36-", chosen["libc6"], StringComparison.Ordinal);
        Assert.StartsWith("1.23.", chosen["golang-1.23-go"], StringComparison.Ordinal);
        Assert.Matches(@"^1:1\d\.", chosen["qemu-user-static"]);
        Assert.Contains("qemu-user-binfmt", chosen.Keys);
        Assert.Contains("musl-dev:arm64", chosen.Keys);
        if (mode == "--engine")
        {
            Assert.StartsWith("26.", chosen["docker.io"], StringComparison.Ordinal);
            Assert.StartsWith("1.1.", chosen["runc"], StringComparison.Ordinal);
            Assert.Contains("docker-buildx", chosen.Keys);
            Assert.Contains("cosign", chosen.Keys);
            Assert.Contains("oras", chosen.Keys);
        }
        else
        {
            Assert.DoesNotContain("docker.io", chosen.Keys);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_status_file_is_one_line_and_exit_2()
    {
        RequireRootWithApt();
        var result = await Tool.RunAsync("bash", [Script, "--simulate", dir.Combine("nothing-here")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("provision: --simulate " + dir.Combine("nothing-here") + ": expected a dpkg status file, found none", result.StdErr.Trim());
    }

    private static string Script => Path.Combine(RepoPaths.Root, "eng", "provision-debian.sh");

    private async Task<ToolResult> SimulateAsync(string mode)
    {
        RequireRootWithApt();
        var status = dir.Combine("status");
        File.WriteAllText(status, string.Empty);
        string[] args = mode == "--engine" ? [Script, "--simulate", status] : [Script, mode, "--simulate", status];
        return await Tool.RunAsync("bash", args, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>"name version release" lines of the script's solve listing.</summary>
    private static Dictionary<string, string> Chosen(string listing)
        => listing.Split('\n')
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length >= 3 && !parts[0].StartsWith("==>", StringComparison.Ordinal))
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);

    private static void RequireRootWithApt()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            Requires.Unavailable("the provisioning solve needs root and apt-get (a Debian machine)");
        }
    }
}

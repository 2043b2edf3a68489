using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Eng;

/// <summary>./build.sh as CI and log files see it.</summary>
public sealed class BuildScriptSpecs
{
    [Fact(Timeout = 300_000)]
    public async Task The_build_log_has_no_ansi_escapes_when_it_is_not_a_terminal_even_with_term_set()
    {
        // Cake colours its output whenever TERM names a colour terminal, even into a file; build.sh sets NO_COLOR then.
        var env = new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["NO_COLOR"] = null };

        var result = await Tool.RunAsync("bash", [Path.Combine(RepoPaths.Root, "build.sh"), "Matrix", "--dryrun"], env, RepoPaths.Root, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.StdOut + result.StdErr);
        Assert.Contains("Matrix", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.StdOut + result.StdErr);
    }
}

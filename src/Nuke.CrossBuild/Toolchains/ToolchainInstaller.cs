using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Toolchains;

/// <summary>Installs Debian cross toolchain packages (like xx-apt), or with a dry run only says what it would run.</summary>
public static class ToolchainInstaller
{
    /// <summary>Lists the commands that install packages: <c>dpkg --add-architecture</c> for target <c>-dev</c> packages, <c>apt-get update</c>, <c>apt-get install</c>.</summary>
    /// <param name="packages">The packages, e.g. <c>gcc-aarch64-linux-gnu</c>, <c>libsqlite3-dev:arm64</c>.</param>
    /// <returns>Each command as an argument list, program first.</returns>
    public static IReadOnlyList<IReadOnlyList<string>> Commands(IEnumerable<string> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var list = packages.Distinct().ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var commands = new List<IReadOnlyList<string>>();
        foreach (var arch in list.Where(p => p.Contains(':', StringComparison.Ordinal)).Select(p => p[(p.IndexOf(':', StringComparison.Ordinal) + 1)..]).Distinct())
        {
            commands.Add(["dpkg", "--add-architecture", arch]);
        }

        commands.Add(["apt-get", "update", "-qq"]);
        commands.Add(["apt-get", .. ToolchainPackages.AptInstallArguments(list)]);
        return commands;
    }

    /// <summary>Runs (or with <paramref name="dryRun"/> prints) the install commands.</summary>
    /// <param name="packages">The packages.</param>
    /// <param name="dryRun">Whether to only print the commands.</param>
    /// <param name="log">Receives each command line and the tools' output.</param>
    /// <param name="cancellationToken">Cancels the install.</param>
    /// <returns>A task.</returns>
    /// <exception cref="CrossBuildException">A command failed, or installing needs root.</exception>
    public static async Task InstallAsync(IEnumerable<string> packages, bool dryRun, Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var commands = Commands(packages);
        if (!dryRun && commands.Count > 0 && Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root")
        {
            throw new ToolchainException($"installing toolchains needs root; run: sudo {string.Join(" && sudo ", commands.Select(c => string.Join(' ', c)))}");
        }

        foreach (var command in commands)
        {
            log((dryRun ? "would run: " : "$ ") + string.Join(' ', command));
            if (dryRun)
            {
                continue;
            }

            var env = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            (await Tool.RunAsync(command[0], command.Skip(1), env, onLine: log, cancellationToken: cancellationToken).ConfigureAwait(false))
                .EnsureSucceeded(string.Join(' ', command.Take(3)));
        }
    }
}

using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Finds and runs the docker client: <c>$CROSSBUILD_DOCKER</c>, else Debian's <c>/usr/bin/docker</c> (which carries buildx), else <c>docker</c> on PATH.</summary>
public static class DockerCli
{
    /// <summary>Gets the docker client path.</summary>
    public static string Path => Environment.GetEnvironmentVariable("CROSSBUILD_DOCKER") ?? (File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker");

    /// <summary>Runs docker with arguments.</summary>
    /// <param name="arguments">The arguments after <c>docker</c>.</param>
    /// <param name="environment">Extra environment (secrets go here, never into arguments).</param>
    /// <param name="log">Receives output lines, or null.</param>
    /// <param name="cancellationToken">Cancels (kills) the process.</param>
    /// <returns>Exit code and output.</returns>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var env = environment?.ToDictionary(e => e.Key, e => (string?)e.Value);
        var result = await ToolProcess.RunAsync(Path, arguments, env, onLine: log, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (result.ExitCode, result.StdOut, result.StdErr);
    }

    /// <summary>Tells a registry's passing failure from a real one: distribution 2.8 can answer 500 ("invalid checksum digest format") to the concurrent manifest requests of one push.</summary>
    /// <param name="stderr">docker's error output.</param>
    /// <returns>Whether retrying the same command is likely to succeed.</returns>
    public static bool IsTransientRegistryError(string stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        return stderr.Contains("500 Internal Server Error", StringComparison.Ordinal) || stderr.Contains("invalid checksum digest format", StringComparison.Ordinal);
    }

    /// <summary>Runs docker and throws when it fails.</summary>
    /// <param name="arguments">The arguments after <c>docker</c>.</param>
    /// <param name="environment">Extra environment.</param>
    /// <param name="log">Receives output lines, or null.</param>
    /// <param name="cancellationToken">Cancels the process.</param>
    /// <returns>The standard output.</returns>
    /// <exception cref="CrossBuildException">docker failed; the message holds its last error line.</exception>
    public static async Task<string> RunCheckedAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var (exitCode, stdout, stderr) = await RunAsync(arguments, environment, log, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? $"exit code {exitCode}";
            throw new CrossBuildException($"docker {string.Join(' ', arguments.Take(3))} failed: {last}");
        }

        return stdout;
    }
}

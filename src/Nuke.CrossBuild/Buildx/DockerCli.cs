using Nuke.CrossBuild.Engine;
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
        var result = await Tool.RunAsync(Path, arguments, env, onLine: log, cancellationToken: cancellationToken).ConfigureAwait(false);
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
    /// <exception cref="ToolFailedException">docker failed; the message holds its last error line.</exception>
    public static async Task<string> RunCheckedAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var (exitCode, stdout, stderr) = await RunAsync(arguments, environment, log, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw await DescribeFailureAsync(arguments, exitCode, stderr, cancellationToken).ConfigureAwait(false);
        }

        return stdout;
    }

    /// <summary>Turns a failed docker call into one line that names the cause: buildx missing, the engine gone, or docker's last error line.</summary>
    /// <param name="arguments">The arguments docker ran with.</param>
    /// <param name="exitCode">Its exit code.</param>
    /// <param name="stderr">Its error output.</param>
    /// <param name="cancellationToken">Cancels the engine probe.</param>
    /// <returns>The exception to throw.</returns>
    public static async Task<CrossBuildException> DescribeFailureAsync(IReadOnlyList<string> arguments, int exitCode, string stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stderr);
        var command = $"docker {string.Join(' ', arguments.TakeWhile(a => !a.StartsWith('-')).Take(3))}";
        var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? $"exit code {exitCode}";
        // Without the plugin docker answers "'buildx' is not a docker command", or its own usage for an unknown flag.
        if (arguments.Count > 0 && arguments[0] == "buildx" && (stderr.Contains("is not a docker command", StringComparison.Ordinal) || stderr.Contains("unknown flag", StringComparison.Ordinal))
            && (await RunAsync(["buildx", "version"], cancellationToken: cancellationToken).ConfigureAwait(false)).ExitCode != 0)
        {
            return new BuildxException($"docker buildx is not installed: {Path} has no buildx plugin; install docker-buildx (eng/provision-debian.sh)");
        }

        if (stderr.Contains("Cannot connect to the Docker daemon", StringComparison.Ordinal) || stderr.Contains("code = Unavailable", StringComparison.Ordinal)
            || stderr.Contains("error reading from server: EOF", StringComparison.Ordinal) || stderr.Contains("connection refused", StringComparison.OrdinalIgnoreCase))
        {
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probe.CancelAfter(TimeSpan.FromSeconds(10));
            var alive = false;
            try
            {
                alive = (await RunAsync(["version", "--format", "{{.Server.Version}}"], cancellationToken: probe.Token).ConfigureAwait(false)).ExitCode == 0;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (!alive)
            {
                return new EngineUnavailableException($"the Docker engine is not answering: {command} failed ({last}); start it (eng/services.sh start) and run again");
            }
        }

        return new ToolFailedException($"{command} failed: {last}", command, exitCode, [.. stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0).TakeLast(3)]);
    }
}

using System.Diagnostics;
using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Reports;
using Nuke.CrossBuild.Tooling;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>
/// Builds one Go program for a platform matrix on the build host: always cross-compiling (never emulating the compiler),
/// with the target's C toolchain for cgo, bounded parallelism, a shared build cache, prefixed output, verification of
/// every binary and an optional smoke run under QEMU.
/// </summary>
public static class GoTasks
{
    /// <summary>Builds with configured settings.</summary>
    /// <param name="configure">Configures the settings.</param>
    /// <param name="log">Receives output lines, each prefixed with its platform, or null.</param>
    /// <param name="cancellationToken">Stops the builds (child processes are killed, no half-written outputs stay).</param>
    /// <returns>The report.</returns>
    public static Task<GoBuildReport> BuildAsync(Configure<GoBuildSettings> configure, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return BuildAsync(configure(new GoBuildSettings()), log, cancellationToken);
    }

    /// <summary>Builds with settings.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="log">Receives output lines, each prefixed with its platform, or null.</param>
    /// <param name="cancellationToken">Stops the builds.</param>
    /// <returns>The report; see <see cref="GoBuildReport.EnsureSucceeded"/>.</returns>
    /// <exception cref="CrossBuildException">The settings are invalid or Go is missing (before anything builds).</exception>
    public static Task<GoBuildReport> BuildAsync(GoBuildSettings settings, Action<string>? log = null, CancellationToken cancellationToken = default)
        => BuildAsync(settings, log, progress: null, cancellationToken);

    /// <summary>Builds with settings and reports each platform's stage as it changes (for live progress views).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="log">Receives output lines, each prefixed with its platform, or null.</param>
    /// <param name="progress">Receives every platform's stage changes (from several threads), or null.</param>
    /// <param name="cancellationToken">Stops the builds.</param>
    /// <returns>The report; see <see cref="GoBuildReport.EnsureSucceeded"/>.</returns>
    /// <exception cref="CrossBuildException">The settings are invalid or Go is missing (before anything builds).</exception>
    public static async Task<GoBuildReport> BuildAsync(GoBuildSettings settings, Action<string>? log, IProgress<PlatformProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        log ??= _ => { };
        var go = FindGo(settings.GoPath);
        var workingDirectory = Path.GetFullPath(settings.WorkingDirectory ?? Directory.GetCurrentDirectory());
        if (!Directory.Exists(workingDirectory))
        {
            throw new CrossBuildException($"expected the Go module directory {workingDirectory} to exist, got nothing there; check -C / SetWorkingDirectory");
        }

        var name = settings.Name ?? Path.GetFileName(Path.GetFullPath(Path.Combine(workingDirectory, settings.Package)).TrimEnd('/'));
        var platforms = PlatformSpecs.Expand(settings.Platforms);
        var host = BuildHost.Detect();
        var toolchains = settings.Cgo ? await ResolveToolchainsAsync(settings, platforms, log, cancellationToken).ConfigureAwait(false) : new Dictionary<Platform, CToolchain>();

        // Validate every platform first: a settings error should stop the run before anything builds.
        var packagesAtOnce = PackagesAtOnce(settings, platforms.Count);
        var plans = platforms.Select(p =>
        {
            var toolchain = toolchains.GetValueOrDefault(p);
            return (Platform: p, Toolchain: toolchain, Invocation: toolchain is { Found: false } ? null : GoArguments.For(settings, p, name, toolchain, host.RunsNatively(p), packagesAtOnce));
        }).ToList();

        foreach (var plan in plans)
        {
            progress?.Report(new PlatformProgress(plan.Platform, PlatformStage.Waiting, 0));
        }

        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(settings.Jobs ?? DefaultJobs());
        var tasks = plans.Select(async plan =>
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                var clock = Stopwatch.StartNew();
                void Stage(PlatformStage stage) => progress?.Report(new PlatformProgress(plan.Platform, stage, clock.Elapsed.TotalSeconds));
                var result = await BuildOneAsync(settings, go, workingDirectory, host, plan.Platform, plan.Toolchain, plan.Invocation, log, Stage, failFast.Token).ConfigureAwait(false);
                Stage(result.Succeeded ? PlatformStage.Done : result.Cancelled ? PlatformStage.Cancelled : PlatformStage.Failed);
                if (!result.Succeeded && !result.Cancelled && settings.FailFast)
                {
                    await failFast.CancelAsync().ConfigureAwait(false);
                }

                return result;
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new GoBuildReport(results);
    }

    /// <summary>Returns the default number of parallel builds: cores, and one per 2 GiB of memory, at most 4 (BuildKit users hit OOM with 5+ parallel Go builds, buildkit#1131).</summary>
    /// <returns>The number of jobs.</returns>
    public static int DefaultJobs()
    {
        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return Math.Clamp(Math.Min(Environment.ProcessorCount, (int)(memoryGiB / 2)), 1, 4);
    }

    /// <summary>
    /// Returns the <c>-p</c> each build of a matrix gets so that the builds running side by side share the cores instead of
    /// each taking them all: go compiles as many packages at once as there are cores, so two builds at once on two cores
    /// run four compilers and lose to the same builds one after another (bench/go-scheduler.sh). Null (go's default)
    /// when only one build runs at a time.
    /// </summary>
    /// <param name="settings">The settings (their <see cref="GoBuildSettings.Jobs"/>, else <see cref="DefaultJobs"/>).</param>
    /// <param name="platforms">The number of platforms in the matrix.</param>
    /// <param name="cores">The cores to share (default: <see cref="Environment.ProcessorCount"/>).</param>
    /// <returns>The packages each build compiles at once, at least 1; or null.</returns>
    public static int? PackagesAtOnce(GoBuildSettings settings, int platforms, int? cores = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builds = Math.Min(settings.Jobs ?? DefaultJobs(), platforms);
        return builds <= 1 ? null : Math.Max(1, (cores ?? Environment.ProcessorCount) / builds);
    }

    /// <summary>Finds the go command: the given path, <c>$CROSSBUILD_GO</c>, <c>go</c> on PATH, or Debian's <c>/usr/lib/go-1.23/bin/go</c>.</summary>
    /// <param name="path">An explicit path, or null.</param>
    /// <returns>The path.</returns>
    /// <exception cref="CrossBuildException">Go is not installed.</exception>
    public static string FindGo(string? path = null)
        => path ?? Environment.GetEnvironmentVariable("CROSSBUILD_GO") ?? PathLookup.Find("go")
            ?? (File.Exists("/usr/lib/go-1.23/bin/go") ? "/usr/lib/go-1.23/bin/go" : null)
            ?? throw new CrossBuildException("go is not on PATH (nor /usr/lib/go-1.23/bin/go); install Go 1.23 (eng/provision-debian.sh) or pass its path");

    private static async Task<Dictionary<Platform, CToolchain>> ResolveToolchainsAsync(GoBuildSettings settings, IReadOnlyList<Platform> platforms, Action<string> log, CancellationToken cancellationToken)
    {
        var toolchains = platforms.ToDictionary(p => p, p => ToolchainResolver.Resolve(p, settings.Libc));
        var missing = toolchains.Values.Where(t => !t.Found).SelectMany(t => t.MissingPackages).Distinct().ToList();
        if (settings.InstallToolchains && missing.Count > 0)
        {
            await ToolchainInstaller.InstallAsync(missing, dryRun: false, line => log("[toolchains] " + line), cancellationToken).ConfigureAwait(false);
            toolchains = platforms.ToDictionary(p => p, p => ToolchainResolver.Resolve(p, settings.Libc));
        }

        foreach (var (platform, toolchain) in toolchains)
        {
            log($"[{platform}] toolchain: {(toolchain.Found ? $"{toolchain.Kind} CC={toolchain.CC}" : toolchain.Problem)}");
        }

        return toolchains;
    }

    private static string GoTempDirectory()
    {
        if (Environment.GetEnvironmentVariable("GOTMPDIR") is not { Length: > 0 } user)
        {
            return RunTemp.CreateDirectory("go");
        }

        var path = Path.Combine(user, $"crossbuild-{Environment.ProcessId}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already, or a file is still held; RunTemp's exit cleanup tries again.
        }
    }

    private static async Task<GoBuildResult> BuildOneAsync(
        GoBuildSettings settings, string go, string workingDirectory, BuildHost host, Platform platform, CToolchain? toolchain,
        GoInvocation? invocation, Action<string> log, Action<PlatformStage> stage, CancellationToken cancellationToken)
    {
        var result = new GoBuildResult { Platform = platform, Mode = host.RunsNatively(platform) ? BuildMode.Native : BuildMode.Cross, Toolchain = toolchain };
        if (invocation is null)
        {
            return result with { Error = toolchain?.Problem ?? "no toolchain" };
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return result with { Cancelled = true };
        }

        var job = new GoBuildJob(settings, go, workingDirectory, platform, invocation, log, stage, cancellationToken);
        var (compiled, built) = await CompileAsync(job, result).ConfigureAwait(false);
        if (!built)
        {
            return compiled;
        }

        var verified = Verify(job, compiled);
        return settings.SmokeArguments is { } smokeArgs && verified.Verified != false ? await SmokeAsync(job, verified, smokeArgs).ConfigureAwait(false) : verified;
    }

    // Runs go build into a temporary file (and its own GOTMPDIR) and moves it into place; Built is false when go failed or was cancelled.
    private static async Task<(GoBuildResult Result, bool Built)> CompileAsync(GoBuildJob job, GoBuildResult result)
    {
        var invocation = job.Invocation;
        Directory.CreateDirectory(Path.GetDirectoryName(job.Output)!);
        var temp = $"{job.Output}.tmp-{Environment.ProcessId}-{Guid.NewGuid():n}";
        var args = invocation.Arguments.Select(a => a == invocation.Output ? temp : a).ToList();
        var env = invocation.Environment.ToDictionary(v => v.Key, v => (string?)v.Value);
        if (Environment.GetEnvironmentVariable("GOTOOLCHAIN") is null)
        {
            env.TryAdd("GOTOOLCHAIN", "local"); // never download another toolchain in the middle of a matrix
        }

        // go removes its work directory only when it exits normally: a SIGINT before its handler is installed, or a SIGKILL,
        // leaves go-build* behind. Each build gets a GOTMPDIR of its own, removed here whatever happened.
        var goTemp = GoTempDirectory();
        env["GOTMPDIR"] = goTemp;
        job.Stage(PlatformStage.Building);
        job.Log(job.Prefix + invocation);
        var clock = Stopwatch.StartNew();
        try
        {
            var run = await Tool.RunAsync(job.Go, args, env, job.WorkingDirectory, onLine: line => job.Log(job.Prefix + line), cancellationToken: job.CancellationToken).ConfigureAwait(false);
            result = result with { Invocation = invocation, Seconds = clock.Elapsed.TotalSeconds };
            if (!run.Succeeded)
            {
                var last = run.StdErr.Trim().Split('\n').LastOrDefault();
                var hint = !job.Settings.Cgo && last?.Contains("build constraints exclude all Go files", StringComparison.Ordinal) == true
                    ? " (with CGO_ENABLED=0 the files that import \"C\" are left out; enable cgo)"
                    : string.Empty;
                return (result with { Error = $"go build exited with {run.ExitCode}: {last}{hint}" }, false);
            }

            File.Move(temp, job.Output, overwrite: true);
            return (result, true);
        }
        catch (OperationCanceledException)
        {
            return (result with { Invocation = invocation, Cancelled = true }, false);
        }
        finally
        {
            File.Delete(temp);
            DeleteDirectory(goTemp);
        }
    }

    // Inspects the built binary (size, static) and verifies it when asked.
    private static GoBuildResult Verify(GoBuildJob job, GoBuildResult result)
    {
        var report = BinaryInspector.Inspect(job.Output);
        result = result with { Size = new FileInfo(job.Output).Length, Static = report.IsStatic };
        if (!job.Settings.Verify)
        {
            return result;
        }

        job.Stage(PlatformStage.Verifying);
        var verification = BinaryVerifier.Verify(report, job.Platform, job.Settings.Static);
        foreach (var problem in verification.Problems)
        {
            job.Log(job.Prefix + problem);
        }

        return result with { Verified = verification.Ok, Problems = verification.Problems };
    }

    // Runs the binary once (natively or under QEMU).
    private static async Task<GoBuildResult> SmokeAsync(GoBuildJob job, GoBuildResult result, IReadOnlyList<string> smokeArgs)
    {
        job.Stage(PlatformStage.Smoke);
        try
        {
            var smoke = await BinaryRunner.RunAsync(job.Output, job.Platform, smokeArgs, cancellationToken: job.CancellationToken).ConfigureAwait(false);
            job.Log($"{job.Prefix}smoke ({smoke.How}): {smoke.Output}");
            return result with { SmokeOutput = smoke.Output, SmokeHow = smoke.How, Error = smoke.ExitCode == 0 ? null : $"smoke run ({smoke.How}) exited with {smoke.ExitCode}: {smoke.Output.Split('\n')[0]}" };
        }
        catch (CrossBuildException e)
        {
            return result with { Error = e.Message };
        }
    }

    // One platform's build, handed from step to step.
    private sealed record GoBuildJob(
        GoBuildSettings Settings, string Go, string WorkingDirectory, Platform Platform, GoInvocation Invocation, Action<string> Log, Action<PlatformStage> Stage, CancellationToken CancellationToken)
    {
        public string Output { get; } = Path.GetFullPath(Invocation.Output, WorkingDirectory);

        public string Prefix => $"[{Platform}] ";
    }
}

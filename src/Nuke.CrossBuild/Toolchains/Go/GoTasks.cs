using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Reports;
using Nuke.CrossBuild.Tooling;

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
        var matrix = await GoBuildStages.PlanAsync(settings, log, cancellationToken).ConfigureAwait(false);
        var results = await GoBuildStages.RunAsync(matrix, log, progress, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new GoBuildReport(results);
    }

    /// <summary>
    /// Builds several Go programs' matrices through one scheduler: at most <paramref name="jobs"/> platform builds (with their
    /// verification and smoke run) at a time across all of them, so one matrix's last build does not leave a core idle
    /// while the next matrix waits. Every matrix is planned (and its settings checked) before anything builds.
    /// </summary>
    /// <param name="settings">One settings per program.</param>
    /// <param name="log">Receives output lines, each prefixed with its platform, or null.</param>
    /// <param name="jobs">Platform builds at a time across all matrices, or null for <see cref="DefaultJobs"/>.</param>
    /// <param name="cancellationToken">Stops the builds.</param>
    /// <returns>One report per settings, in order; see <see cref="GoBuildReport.EnsureSucceeded"/>.</returns>
    /// <exception cref="CrossBuildException">Some settings are invalid or Go is missing (before anything builds).</exception>
    /// <exception cref="SettingsException">Two builds would write the same output file (before anything builds).</exception>
    public static async Task<IReadOnlyList<GoBuildReport>> BuildAllAsync(IReadOnlyList<GoBuildSettings> settings, Action<string>? log = null, int? jobs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        log ??= _ => { };
        var matrices = new List<GoBuildStages.GoMatrixRun>();
        foreach (var one in settings)
        {
            ArgumentNullException.ThrowIfNull(one, nameof(settings));
            matrices.Add(await GoBuildStages.PlanAsync(one, log, cancellationToken).ConfigureAwait(false));
        }

        // Side by side, two programs writing one file would leave one binary and two reports that may describe it.
        if (matrices.SelectMany(m => m.Plans).Select(p => p.Invocation?.Output).OfType<string>().Select(Path.GetFullPath)
            .GroupBy(o => o, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new SettingsException($"two Go builds write {Internal.LogText.Escape(twice.Key)}: expected one output file per program and platform (give each program its own output pattern or name)");
        }

        using var slots = new SemaphoreSlim(Math.Max(1, jobs ?? DefaultJobs()));
        var runs = matrices.Select(m => GoBuildStages.RunAsync(m, log, null, slots, cancellationToken)).ToList();
        var results = await Task.WhenAll(runs).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return [.. results.Select(r => new GoBuildReport(r))];
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
    /// <exception cref="GoBuildException">Go is not installed.</exception>
    public static string FindGo(string? path = null)
        => path ?? Environment.GetEnvironmentVariable("CROSSBUILD_GO") ?? PathLookup.Find("go")
            ?? (File.Exists("/usr/lib/go-1.23/bin/go") ? "/usr/lib/go-1.23/bin/go" : null)
            ?? throw new GoBuildException("go is not on PATH (nor /usr/lib/go-1.23/bin/go); install Go 1.23 (eng/provision-debian.sh) or pass its path");
}

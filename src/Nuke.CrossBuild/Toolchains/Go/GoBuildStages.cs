using System.Diagnostics;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>
/// The Go matrix build's stages: <see cref="PlanAsync"/> checks everything (Go, the module directory, the platforms, the
/// C toolchains, every platform's arguments) before anything builds; <c>RunAsync</c> builds the platforms side by
/// side, each through <see cref="GoPlatformBuild"/>.
/// </summary>
internal static class GoBuildStages
{
    public static async Task<GoMatrixRun> PlanAsync(GoBuildSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        var go = GoTasks.FindGo(settings.GoPath);
        var workingDirectory = Path.GetFullPath(settings.WorkingDirectory ?? Directory.GetCurrentDirectory());
        if (!Directory.Exists(workingDirectory))
        {
            throw new InputException($"expected the Go module directory {workingDirectory} to exist, got nothing there; check -C / SetWorkingDirectory");
        }

        var name = settings.Name ?? Path.GetFileName(Path.GetFullPath(Path.Combine(workingDirectory, settings.Package)).TrimEnd('/'));
        var platforms = settings.Platforms.Expand();
        var host = BuildHost.Detect();
        var toolchains = settings.Cgo ? await ResolveToolchainsAsync(settings, platforms, log, cancellationToken).ConfigureAwait(false) : new Dictionary<Platform, CToolchain>();

        // Validate every platform first: a settings error should stop the run before anything builds.
        var packagesAtOnce = GoTasks.PackagesAtOnce(settings, platforms.Count);
        var plans = platforms.Select(p =>
        {
            var toolchain = toolchains.GetValueOrDefault(p);
            return new GoPlatformPlan(p, toolchain, toolchain is { Found: false } ? null : GoArguments.For(settings, p, name, toolchain, host.RunsNatively(p), packagesAtOnce));
        }).ToList();
        return new GoMatrixRun(settings, go, workingDirectory, host, plans);
    }

    public static async Task<GoBuildResult[]> RunAsync(GoMatrixRun matrix, Action<string> log, IProgress<PlatformProgress>? progress, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(matrix.Settings.Jobs ?? GoTasks.DefaultJobs());
        return await RunAsync(matrix, log, progress, slots, cancellationToken).ConfigureAwait(false);
    }

    // slots: the builds allowed at a time, this matrix's own or shared with other matrices (GoTasks.BuildAllAsync).
    public static async Task<GoBuildResult[]> RunAsync(GoMatrixRun matrix, Action<string> log, IProgress<PlatformProgress>? progress, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        foreach (var plan in matrix.Plans)
        {
            progress?.Report(new PlatformProgress(plan.Platform, PlatformStage.Waiting, 0));
        }

        var settings = matrix.Settings;
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = matrix.Plans.Select(async plan =>
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                var clock = Stopwatch.StartNew();
                void Stage(PlatformStage stage) => progress?.Report(new PlatformProgress(plan.Platform, stage, clock.Elapsed.TotalSeconds));
                var result = await GoPlatformBuild.BuildAsync(settings, matrix.Go, matrix.WorkingDirectory, matrix.Host, plan.Platform, plan.Toolchain, plan.Invocation, log, Stage, failFast.Token).ConfigureAwait(false);
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
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

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


    /// <summary>The checked matrix: everything a build needs, known before the first one starts.</summary>
    internal sealed record GoMatrixRun(GoBuildSettings Settings, string Go, string WorkingDirectory, BuildHost Host, IReadOnlyList<GoPlatformPlan> Plans);

    /// <summary>One platform's plan: its C toolchain (cgo) and arguments; no arguments when the toolchain is missing.</summary>
    internal sealed record GoPlatformPlan(Platform Platform, CToolchain? Toolchain, GoInvocation? Invocation);
}

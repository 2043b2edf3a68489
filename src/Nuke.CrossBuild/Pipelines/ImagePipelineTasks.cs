using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Tooling;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>
/// The whole multi-platform image pipeline in order: plan the matrix (the Dockerfile doctor decides whether the build
/// stage is emulated), ensure the builder, register emulators only if the plan needs them, build with buildx, verify
/// the image (platform set, per-platform binary), publish (registry, engine and/or OCI layout), smoke-run each platform.
/// </summary>
public static class ImagePipelineTasks
{
    /// <summary>Runs the pipeline with configured settings.</summary>
    /// <param name="configure">Configures the settings.</param>
    /// <param name="log">Receives progress lines, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result; see <see cref="PipelineResult.Problems"/>.</returns>
    public static Task<PipelineResult> RunAsync(Configure<ImagePipelineSettings> configure, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(configure(new ImagePipelineSettings()), log, cancellationToken);
    }

    /// <summary>Runs the pipeline.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="log">Receives progress lines, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result; see <see cref="PipelineResult.Problems"/>.</returns>
    /// <exception cref="CrossBuildException">A step could not run (builder, emulators, build).</exception>
    /// <exception cref="Signing.SignatureException">The <see cref="ImagePipelineSettings.SignKey"/> cannot sign (before any build work).</exception>
    public static async Task<PipelineResult> RunAsync(ImagePipelineSettings settings, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ImagePipelineStages.CheckSignKey(settings); // a key that cannot sign fails before any build work
        var run = new PipelineRun(settings, log ?? (_ => { }), cancellationToken);
        var plan = await ImagePipelineStages.PlanAsync(run).ConfigureAwait(false);
        if (plan.Errors.Count > 0 && settings.StopOnDoctorErrors)
        {
            return new PipelineResult { Plan = plan.Entries, Findings = plan.Findings, Image = run.Tagged, Problems = plan.Errors };
        }

        ImagePipelineStages.RequireDestination(settings);

        // The builder stays leased until the pipeline ends: no other pipeline can remove or recreate it meanwhile.
        var (_, lease) = await BuilderTasks.LeaseBuilderAsync(settings.Driver, plan.Platforms, null, run.Log, cancellationToken).ConfigureAwait(false);
        using var leased = lease;
        var emulators = await ImagePipelineStages.InstallEmulatorsAsync(run, plan).ConfigureAwait(false);
        var built = await ImagePipelineStages.BuildAsync(run, plan).ConfigureAwait(false);
        return await ImagePipelineStages.FinishAsync(run, plan, emulators, built).ConfigureAwait(false);
    }
}

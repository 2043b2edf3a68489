using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Tooling;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>
/// Several images in ONE <c>docker buildx bake</c> (one BuildKit session and solve; stages the images share are built
/// once), each planned by the Dockerfile doctor before and verified, published and smoke-run after exactly as
/// <see cref="ImagePipelineTasks"/> does for one image.
/// </summary>
public static class ImageBakeTasks
{
    /// <summary>Bakes the images with configured settings.</summary>
    /// <param name="configure">Configures the settings.</param>
    /// <param name="log">Receives progress lines, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Each image's result; see <see cref="PipelineResult.Problems"/>.</returns>
    public static Task<ImageBakeResult> RunAsync(Configure<ImageBakeSettings> configure, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(configure(new ImageBakeSettings()), log, cancellationToken);
    }

    /// <summary>Plans every image, bakes them all at once, then verifies (and smoke-runs) each.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="log">Receives progress lines, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Each image's result; an image the doctor stopped is not baked and reports the doctor's errors.</returns>
    /// <exception cref="SettingsException">No image, or a name bake refuses.</exception>
    /// <exception cref="CrossBuildException">A step could not run (builder, emulators, the bake).</exception>
    public static async Task<ImageBakeResult> RunAsync(ImageBakeSettings settings, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var say = log ?? (_ => { });
        var results = new Dictionary<string, PipelineResult>(StringComparer.Ordinal);
        var planned = new List<BakeImage>();
        foreach (var (_, image) in settings.Images)
        {
            ImagePipelineStages.CheckSignKey(image); // a key that cannot sign fails before any image is planned or baked
        }

        foreach (var (name, image) in settings.Images.Count > 0 ? settings.Images : throw new SettingsException("nothing to bake: expected at least one image"))
        {
            var run = new PipelineRun(image, line => say($"{BakeFile.ValidName(name)}: {line}"), cancellationToken);
            var plan = await ImagePipelineStages.PlanAsync(run).ConfigureAwait(false);
            if (plan.Errors.Count > 0 && image.StopOnDoctorErrors)
            {
                results[name] = new PipelineResult { Plan = plan.Entries, Findings = plan.Findings, Image = run.Tagged, Problems = plan.Errors };
                continue;
            }

            ImagePipelineStages.RequireDestination(image);
            planned.Add(new BakeImage(name, run, plan));
        }

        var seconds = 0.0;
        if (planned.Count > 0)
        {
            // One builder, leased for the whole run, for the union of the images' platforms.
            var (_, lease) = await BuilderTasks.LeaseBuilderAsync(settings.Driver, [.. planned.SelectMany(p => p.Plan.Platforms).Distinct()], null, say, cancellationToken).ConfigureAwait(false);
            using var leased = lease;
            var emulators = await ImageBakeStages.InstallEmulatorsAsync(planned, say, cancellationToken).ConfigureAwait(false);
            var (builds, bakeSeconds) = await ImageBakeStages.BakeAsync(planned, say, cancellationToken).ConfigureAwait(false);
            seconds = bakeSeconds;
            foreach (var image in planned)
            {
                results[image.Name] = await ImagePipelineStages.FinishAsync(image.Run, image.Plan, emulators, builds[image.Name]).ConfigureAwait(false);
            }
        }

        return new ImageBakeResult { Images = [.. settings.Images.Select(i => new KeyValuePair<string, PipelineResult>(i.Key, results[i.Key]))], BakeSeconds = seconds };
    }
}

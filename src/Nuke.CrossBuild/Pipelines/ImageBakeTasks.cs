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
    // Verification reads and hashes, a smoke run mostly waits on the engine and QEMU: a few at once even on two cores.
    private static int FinishConcurrency => Math.Clamp(Environment.ProcessorCount, 2, 4);

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

    /// <summary>Plans every image, bakes them all at once, then verifies (and smoke-runs) the images, a few side by side.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="log">Receives progress lines, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Each image's result; an image the doctor stopped is not baked and reports the doctor's errors.</returns>
    /// <exception cref="SettingsException">No image, a name bake refuses, or two images whose bake targets or OCI layouts would be one.</exception>
    /// <exception cref="CrossBuildException">A step could not run (builder, emulators, the bake).</exception>
    public static async Task<ImageBakeResult> RunAsync(ImageBakeSettings settings, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (receiver, gate) = (log ?? (_ => { }), new Lock());
        Action<string> say = line => { lock (gate) { receiver(line); } }; // images finish side by side: one line at a time to the caller
        var results = new Dictionary<string, PipelineResult>(StringComparer.Ordinal);
        var planned = new List<BakeImage>();
        RequireDistinctTargets(settings.Images);
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
            // Everything is built: the images are verified and smoke-run side by side (each its own engine connection and
            // temporary files), a few at a time, which one image after another cannot do.
            var finished = new System.Collections.Concurrent.ConcurrentDictionary<string, PipelineResult>(StringComparer.Ordinal);
            var options = new ParallelOptions { MaxDegreeOfParallelism = FinishConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(planned, options, async (image, _) =>
                finished[image.Name] = await ImagePipelineStages.FinishAsync(image.Run, image.Plan, emulators, builds[image.Name]).ConfigureAwait(false)).ConfigureAwait(false);
            foreach (var (name, result) in finished)
            {
                results[name] = result;
            }
        }

        return new ImageBakeResult { Images = [.. settings.Images.Select(i => new KeyValuePair<string, PipelineResult>(i.Key, results[i.Key]))], BakeSeconds = seconds };
    }

    // An image bakes as target <name> (its layout as <name>-oci when it is pushed too), all in the group "default": a name
    // met twice would silently replace a target, so one image's layout, metadata or step timings would be another's.
    private static void RequireDistinctTargets(IReadOnlyList<KeyValuePair<string, ImagePipelineSettings>> images)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in images)
        {
            if (!names.Add(BakeFile.ValidName(name)))
            {
                throw new SettingsException($"bake image name '{name}' is given twice: expected one image per name");
            }
        }

        if (names.Contains("default"))
        {
            throw new SettingsException("bake image name 'default' is bake's group of every target: expected another name");
        }

        if (names.FirstOrDefault(n => n.EndsWith("-oci", StringComparison.Ordinal) && names.Contains(n[..^4])) is { } layoutName)
        {
            throw new SettingsException($"bake image name '{layoutName}' is also image '{layoutName[..^4]}''s layout target: expected names that do not end in another image's name and '-oci'");
        }

        // Compared ignoring case: on macOS and Windows "a" and "A" are one directory (and one tarball).
        var layouts = images.Where(i => i.Value.OciLayout is not null)
            .GroupBy(i => Path.TrimEndingDirectorySeparator(Path.GetFullPath(i.Value.OciLayout!)), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (layouts is not null)
        {
            throw new SettingsException($"bake images '{layouts.First().Key}' and '{layouts.Skip(1).First().Key}' write one OCI layout ({layouts.Key}): expected a directory per image");
        }
    }

}

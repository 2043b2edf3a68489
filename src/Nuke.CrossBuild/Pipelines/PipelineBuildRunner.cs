using Nuke.CrossBuild.Buildx;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>
/// Runs a pipeline's buildx builds: the first that succeeds writes the cache (<c>--cache-to</c>) and its progress gives the
/// step seconds; the others (load, layout) reuse its cache.
/// </summary>
internal sealed class PipelineBuildRunner(PipelineRun run)
{
    private readonly List<string> progress = [];
    private IReadOnlyList<BuildxCache> cacheTo = run.Settings.CacheTo;
    private IReadOnlyDictionary<string, double>? platformSeconds;

    /// <summary>The per-platform step seconds of the first build.</summary>
    public IReadOnlyDictionary<string, double> PlatformSeconds => platformSeconds ?? BuildxStepTimings.Parse(progress);

    /// <summary>Builds into the settings' outputs, or into an OCI layout directory.</summary>
    public async Task<BuildxMetadata> BuildAsync(BuildxBuildSettings settings, string? layout = null)
    {
        settings = settings with { CacheTo = cacheTo };
        try
        {
            var metadata = layout is null
                ? await BuildxTasks.BuildAsync(settings, Progress, run.CancellationToken).ConfigureAwait(false)
                : await BuildxTasks.BuildOciLayoutAsync(settings, layout, Progress, run.CancellationToken).ConfigureAwait(false);
            // The cache is written and the step seconds are taken once, by the first build that succeeded (a build run
            // again without its load still writes the cache).
            cacheTo = [];
            platformSeconds ??= BuildxStepTimings.Parse(progress);
            return metadata;
        }
        catch (CrossBuildException)
        {
            progress.Clear();
            throw;
        }
    }

    private void Progress(string line)
    {
        if (platformSeconds is null)
        {
            progress.Add(line);
        }

        run.Log("buildx: " + line);
    }
}

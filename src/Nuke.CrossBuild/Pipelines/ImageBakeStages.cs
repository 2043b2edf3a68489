using System.Diagnostics;
using System.Text.RegularExpressions;
using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Buildx;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>One image of a bake: its target name, its pipeline run and its plan.</summary>
internal sealed record BakeImage(string Name, PipelineRun Run, PipelinePlan Plan);

/// <summary>The stages of <see cref="ImageBakeTasks"/> that differ from one image's pipeline: emulators for all, the one bake.</summary>
internal static class ImageBakeStages
{
    /// <summary>Registers the emulators any image's plan needs (none when none needs any).</summary>
    public static async Task<IReadOnlyList<EmulatorAction>> InstallEmulatorsAsync(IReadOnlyList<BakeImage> images, Action<string> log, CancellationToken cancellationToken)
    {
        var needed = EmulatorTasks.Needed([.. images.SelectMany(i => i.Plan.Entries)], runBinaries: images.Any(i => i.Run.Settings.SmokeArguments is not null));
        var emulators = needed.Count > 0 ? await EmulatorTasks.InstallAsync(needed, cancellationToken: cancellationToken).ConfigureAwait(false) : [];
        foreach (var action in emulators)
        {
            log($"emulator: {action.Platform} {action.Entry} {action.Action} ({action.Reason})");
        }

        return emulators;
    }

    /// <summary>
    /// Bakes every image's destinations (push, push by digest, OCI layout) in one bake, an image's engine load as a second
    /// exporter of its layout target, and unpacks the layouts. Where buildx or the engine refuses the load next to the
    /// layout, the bake runs again (from its cache) without the loads, and they go in a second bake (a convenience,
    /// skipped where the engine cannot hold multi-platform images).
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, PipelineBuilds> Builds, double Seconds)> BakeAsync(IReadOnlyList<BakeImage> images, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var progress = new List<string>();
        var (bake, loads) = Plan(images, foldLoads: true);
        IReadOnlyDictionary<string, BuildxMetadata> metadata;
        var folded = images.Where(i => i.Run.Settings.Load && i.Run.Settings.OciLayout is not null).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        try
        {
            metadata = await BakeTasks.BakeAsync(bake, line => Progress(progress, log, line), cancellationToken).ConfigureAwait(false);
        }
        catch (CrossBuildException e) when (folded.Count > 0 && LoadRefusal.Is(e))
        {
            log($"load next to the layouts refused ({e.Message}); baking again without it, the loads in a second bake");
            (progress, folded) = ([], []);
            (bake, loads) = Plan(images, foldLoads: false);
            metadata = await BakeTasks.BakeAsync(bake, line => Progress(progress, log, line), cancellationToken).ConfigureAwait(false);
        }

        foreach (var layout in images.Select(i => i.Run.Settings.OciLayout).OfType<string>())
        {
            var tar = BuildxTasks.LayoutTarball(layout);
            await BuildxTasks.ExtractLayoutAsync(tar, layout, cancellationToken).ConfigureAwait(false);
            File.Delete(tar);
        }

        var loaded = loads.Targets.Count > 0 && await LoadAsync(loads, log, cancellationToken).ConfigureAwait(false);
        var builds = images.ToDictionary(i => i.Name, i => Built(i, metadata, folded.Contains(i.Name) || (loaded && i.Run.Settings.Load), clock.Elapsed.TotalSeconds, progress), StringComparer.Ordinal);
        return (builds, clock.Elapsed.TotalSeconds);
    }

    internal static (BakeSettings Bake, BakeSettings Loads) Plan(IReadOnlyList<BakeImage> images, bool foldLoads)
    {
        var (bake, loads) = (new BakeSettings().SetProgress("plain"), new BakeSettings().SetProgress("plain"));
        foreach (var image in images)
        {
            (bake, loads) = Targets(image, bake, loads, foldLoads);
        }

        return (Everything(bake), Everything(loads));
    }

    // The same builds ImagePipelineStages.BuildAsync runs one by one, as bake targets: the first of an image writes its cache.
    private static (BakeSettings Bake, BakeSettings Loads) Targets(BakeImage image, BakeSettings bake, BakeSettings loads, bool foldLoads)
    {
        var (settings, run) = (image.Run.Settings, image.Run);
        var build = ImagePipelineStages.BaseBuild(settings, image.Plan);
        var main = new List<BakeTarget>();
        if (settings.PushByDigest || settings.Push)
        {
            var push = settings.PushByDigest ? ImagePipelineStages.ByDigest(run, build) : build.SetTags([run.Tagged, .. settings.ExtraTags]).EnablePush();
            main.Add(ImagePipelineStages.Attest(settings, push).ToBakeTarget(image.Name));
        }

        var fold = foldLoads && settings.Load && settings.OciLayout is not null;
        if (settings.OciLayout is { } layout)
        {
            var oci = fold ? build.SetTags(run.Tagged).EnableLoad() : build;
            main.Add(oci.AddOutput(BuildxOutput.Oci(BuildxTasks.LayoutTarball(layout))).ToBakeTarget(main.Count == 0 ? image.Name : image.Name + "-oci"));
        }

        main[0] = main[0] with { CacheTo = settings.CacheTo };
        bake = main.Aggregate(bake, (b, t) => b.AddTarget(t));
        return (bake, settings.Load && !fold ? loads.AddTarget(build.SetTags(run.Tagged).EnableLoad().ToBakeTarget(image.Name + "-load")) : loads);
    }

    private static BakeSettings Everything(BakeSettings bake) => bake.AddGroup("default", [.. bake.Targets.Select(t => t.Name)]);

    private static PipelineBuilds Built(BakeImage image, IReadOnlyDictionary<string, BuildxMetadata> metadata, bool loaded, double seconds, List<string> progress)
    {
        var settings = image.Run.Settings;
        var pushed = settings.Push || settings.PushByDigest ? metadata.GetValueOrDefault(image.Name) : null;
        var reference = settings.PushByDigest
            ? $"{settings.Repository}@{pushed?.Digest ?? throw new Buildx.BuildxException($"bake reported no digest for {image.Name}'s pushed image")}"
            : image.Run.Tagged;
        return new PipelineBuilds(reference, pushed, loaded, seconds, Timings(image.Name, progress));
    }

    private static async Task<bool> LoadAsync(BakeSettings loads, Action<string> log, CancellationToken cancellationToken)
    {
        try
        {
            await BakeTasks.BakeAsync(loads, line => log("buildx: " + line), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CrossBuildException e)
        {
            log($"load skipped: {e.Message} (multi-platform images load only into an engine with the containerd image store)");
            return false;
        }
    }

    private static void Progress(List<string> progress, Action<string> log, string line)
    {
        progress.Add(line);
        log("buildx: " + line);
    }

    // bake labels each step "[<target> <platform> <stage> n/m]"; a step two images share counts for the image bake labelled it with.
    private static IReadOnlyDictionary<string, double> Timings(string name, IEnumerable<string> progress)
    {
        var prefix = new Regex($@"^(#\d+ \[){Regex.Escape(name)}(?:-oci)? ", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return BuildxStepTimings.Parse(progress.Select(l => prefix.Replace(l, "$1")));
    }
}

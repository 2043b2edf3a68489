using System.Diagnostics;
using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Engine;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>
/// The whole multi-platform image pipeline in order: plan the matrix (the Dockerfile doctor decides whether the build
/// stage is emulated), ensure the builder, register emulators only if the plan needs them, build with buildx, verify
/// the image (platform set, per-platform binary), publish (registry, engine and/or OCI layout), smoke-run each platform.
/// </summary>
public static class ImagePipeline
{
    /// <summary>Runs the pipeline.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="log">Receives progress lines, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result; see <see cref="PipelineResult.Problems"/>.</returns>
    /// <exception cref="CrossBuildException">A step could not run (builder, emulators, build).</exception>
    public static async Task<PipelineResult> RunAsync(ImagePipelineSettings settings, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        log ??= _ => { };
        var dockerfile = settings.File ?? Path.Combine(settings.Context, "Dockerfile");
        var text = await File.ReadAllTextAsync(dockerfile, cancellationToken).ConfigureAwait(false);
        var doctor = new DockerfileDoctorSettings().SetPlatforms(PlatformSpecs.Expand(settings.Platforms)).SetContext(settings.Context);
        var findings = DockerfileDoctor.Examine(text, doctor);
        foreach (var finding in findings)
        {
            log($"doctor: {dockerfile} {finding}");
        }

        var emulated = DockerfileDoctor.EmulatesBuildStage(findings) || DockerfileDoctor.NeedsEmulation(text, doctor);
        var plan = MatrixTasks.Plan(new MatrixSettings { Specs = settings.Platforms, EmulateBuildStage = emulated });
        var platforms = plan.Select(e => e.Platform.ToString()).Distinct().ToList();
        log($"plan: {string.Join(", ", plan.Select(e => $"{e.Platform} {MatrixJson.ModeName(e.Mode)}"))}");
        var tagged = $"{settings.Repository}:{settings.Tag}";
        var image = tagged;
        var errors = findings.Where(f => f.Severity == "error").Select(f => $"{dockerfile}: {f}").ToList();
        if (errors.Count > 0 && settings.StopOnDoctorErrors)
        {
            return new PipelineResult { Plan = plan, Findings = findings, Image = image, Problems = errors };
        }

        // The builder stays leased until the pipeline ends: no other pipeline can remove or recreate it meanwhile.
        var (_, lease) = await BuilderTasks.LeaseBuilderAsync(settings.Driver, platforms, null, log, cancellationToken).ConfigureAwait(false);
        using var leased = lease;
        var needed = EmulatorTasks.Needed(plan, runBinaries: settings.SmokeArguments is not null);
        var emulators = needed.Count > 0 ? await EmulatorTasks.InstallAsync(needed, cancellationToken: cancellationToken).ConfigureAwait(false) : [];
        foreach (var action in emulators)
        {
            log($"emulator: {action.Platform} {action.Entry} {action.Action} ({action.Reason})");
        }

        var build = new BuildxBuildSettings { Context = settings.Context, File = settings.File, Platforms = platforms, BuildArgs = settings.BuildArgs, BuildContexts = settings.BuildContexts }
            .SetProgress("plain").DisableProvenance();
        build = settings.Labels.Aggregate(build, (b, label) => b.AddLabel(label.Key, label.Value));
        build = settings.Pull ? build.EnablePull() : build;
        build = build with { CacheFrom = settings.CacheFrom };
        var cacheTo = settings.CacheTo; // written once, by the first build; the others reuse what it cached
        var clock = Stopwatch.StartNew();
        // Step seconds come from the first build, the one that does the work; the others (load, layout) reuse its cache.
        var progress = new List<string>();
        IReadOnlyDictionary<string, double>? platformSeconds = null;
        void Progress(string line)
        {
            if (platformSeconds is null)
            {
                progress.Add(line);
            }

            log("buildx: " + line);
        }

        async Task<BuildxMetadata> BuildAsync(BuildxBuildSettings buildSettings, string? layout = null)
        {
            buildSettings = buildSettings with { CacheTo = cacheTo };
            cacheTo = [];
            try
            {
                return layout is null
                    ? await BuildxTasks.BuildAsync(buildSettings, Progress, cancellationToken).ConfigureAwait(false)
                    : await BuildxTasks.BuildOciLayoutAsync(buildSettings, layout, Progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                platformSeconds ??= BuildxStepTimings.Parse(progress);
            }
        }

        // Attestations go with the pushed image only (an engine load cannot hold them; the layout is for verification).
        var sbom = !settings.Sbom ? null : settings.SbomGenerator is { } generator ? $"generator={generator}" : "true";
        BuildxBuildSettings Attest(BuildxBuildSettings s) => settings.Provenance is null && sbom is null ? s : s with { Provenance = settings.Provenance ?? "false", Sbom = sbom };

        BuildxMetadata? pushed = null;
        if (settings.PushByDigest)
        {
            // OCI media types, so the merged index can carry annotations (a Docker manifest list drops them).
            var byDigest = build.AddOutput((settings.Driver == "docker"
                ? BuildxOutput.Registry($"{settings.Repository}:crossbuild-digest-{Guid.NewGuid():n}")
                : BuildxOutput.PushByDigest(settings.Repository)).With("oci-mediatypes", "true"));
            log(settings.Driver == "docker" ? "push-by-digest: the docker driver cannot push untagged; pushing a throwaway crossbuild-digest-* tag instead" : "push-by-digest: no tag is pushed");
            pushed = await BuildAsync(Attest(byDigest)).ConfigureAwait(false);
            image = $"{settings.Repository}@{pushed.Digest ?? throw new CrossBuildException("buildx reported no digest for the pushed image")}";
        }
        else if (settings.Push)
        {
            pushed = await BuildAsync(Attest(build.SetTags([image, .. settings.ExtraTags]).EnablePush())).ConfigureAwait(false);
        }

        var loaded = false;
        if (settings.Load)
        {
            try
            {
                await BuildAsync(build.SetTags(tagged).EnableLoad()).ConfigureAwait(false);
                loaded = true;
            }
            catch (CrossBuildException e)
            {
                // Loading is a convenience: an engine without the containerd image store cannot hold a multi-platform image.
                log($"load skipped: {e.Message} (multi-platform images load only into an engine with the containerd image store)");
            }
        }

        if (settings.OciLayout is { } layout)
        {
            await BuildAsync(build, layout).ConfigureAwait(false);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var pushedAny = settings.Push || settings.PushByDigest;
        var target = pushedAny ? image : settings.OciLayout ?? throw new CrossBuildException("the pipeline needs a destination it can verify: push to a registry or write an OCI layout directory (load alone is not read back)");
        using var source = await ImageSources.OpenAsync(target, cancellationToken: cancellationToken).ConfigureAwait(false);
        var verification = await ImageVerifier.VerifyAsync(source, [.. plan.Select(e => e.Platform).Distinct()], settings.BinaryPath, settings.RequireStatic, cancellationToken: cancellationToken).ConfigureAwait(false);
        var problems = new List<string>(errors);
        problems.AddRange(verification.Problems);
        var smoke = new Dictionary<string, string>();
        if (settings.SmokeArguments is { } smokeArgs && (pushedAny || loaded) && verification.Ok)
        {
            // Each platform runs once as a container (Engine API), as its weakest CPU where it is emulated; removed every time.
            using var engine = await DockerEngine.ConnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var platform in platforms)
            {
                var run = await engine.RunAsync(new ContainerRunSettings { Image = image, Platform = platform, Arguments = smokeArgs, Pull = pushedAny }, cancellationToken).ConfigureAwait(false);
                smoke[platform] = run.Output;
                log($"smoke {platform}{(run.Cpu is null ? string.Empty : $" (cpu {run.Cpu})")}: {smoke[platform]}");
                if (run.ExitCode != 0)
                {
                    var outcome = new BinaryRun("container", (int)run.ExitCode, run.Output).Describe(image, Platforms.Platform.Parse(platform));
                    problems.Add($"{image} on {platform}: {outcome}: {smoke[platform].Split('\n').LastOrDefault()}");
                }
            }
        }

        return new PipelineResult
        {
            Plan = plan, Findings = findings, Emulators = emulators, BuildSeconds = seconds, PlatformSeconds = platformSeconds ?? BuildxStepTimings.Parse(progress), Loaded = loaded, Digest = pushed?.Digest, Image = target,
            Verification = verification, Smoke = smoke, Problems = problems,
        };
    }
}

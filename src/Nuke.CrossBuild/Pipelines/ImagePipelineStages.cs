using System.Diagnostics;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Engine;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>One pipeline run's inputs, handed from stage to stage.</summary>
internal sealed record PipelineRun(ImagePipelineSettings Settings, Action<string> Log, CancellationToken CancellationToken)
{
    public string Tagged => $"{Settings.Repository}:{Settings.Tag}";
}

/// <summary>What the plan stage decided: the doctor's findings, the matrix and its distinct platforms.</summary>
internal sealed record PipelinePlan(IReadOnlyList<DockerfileFinding> Findings, IReadOnlyList<MatrixEntry> Entries, IReadOnlyList<string> Platforms, IReadOnlyList<string> Errors);

/// <summary>What the build stage produced.</summary>
internal sealed record PipelineBuilds(string Image, BuildxMetadata? Pushed, bool Loaded, double Seconds, IReadOnlyDictionary<string, double> PlatformSeconds);

/// <summary>The stages of <see cref="ImagePipelineTasks.RunAsync(ImagePipelineSettings, Action{string}?, CancellationToken)"/>, in the order it runs them.</summary>
internal static class ImagePipelineStages
{
    /// <summary>Reads the Dockerfile, lets the doctor examine it and plans the matrix (no side effect).</summary>
    public static async Task<PipelinePlan> PlanAsync(PipelineRun run)
    {
        var settings = run.Settings;
        var dockerfile = settings.File ?? Path.Combine(settings.Context, "Dockerfile");
        var text = await File.ReadAllTextAsync(dockerfile, run.CancellationToken).ConfigureAwait(false);
        var doctor = new DockerfileDoctorSettings().SetPlatforms(settings.Platforms.Expand()).SetContext(settings.Context);
        var findings = DockerfileDoctor.Examine(text, doctor);
        foreach (var finding in findings)
        {
            run.Log($"doctor: {dockerfile} {finding}");
        }

        var emulated = DockerfileDoctor.EmulatesBuildStage(findings) || DockerfileDoctor.NeedsEmulation(text, doctor);
        var plan = MatrixTasks.Plan(new MatrixSettings { Specs = settings.Platforms, EmulateBuildStage = emulated });
        run.Log($"plan: {string.Join(", ", plan.Select(e => $"{e.Platform} {MatrixJson.ModeName(e.Mode)}"))}");
        var errors = findings.Where(f => f.Severity == "error").Select(f => $"{dockerfile}: {f}").ToList();
        return new PipelinePlan(findings, plan, [.. plan.Select(e => e.Platform.ToString()).Distinct()], errors);
    }

    /// <summary>Fails before anything is built when the image would land nowhere the pipeline can read it back.</summary>
    public static void RequireDestination(ImagePipelineSettings settings)
    {
        if (!settings.Push && !settings.PushByDigest && settings.OciLayout is null)
        {
            throw new InputException("the pipeline needs a destination it can verify: push to a registry or write an OCI layout directory (load alone is not read back)");
        }
    }

    /// <summary>Registers the emulators the plan needs (none when it needs none).</summary>
    public static async Task<IReadOnlyList<EmulatorAction>> InstallEmulatorsAsync(PipelineRun run, PipelinePlan plan)
    {
        var needed = EmulatorTasks.Needed(plan.Entries, runBinaries: run.Settings.SmokeArguments is not null);
        var emulators = needed.Count > 0 ? await EmulatorTasks.InstallAsync(needed, cancellationToken: run.CancellationToken).ConfigureAwait(false) : [];
        foreach (var action in emulators)
        {
            run.Log($"emulator: {action.Platform} {action.Entry} {action.Action} ({action.Reason})");
        }

        return emulators;
    }

    /// <summary>Builds once per destination: push (tagged or by digest), engine load, OCI layout.</summary>
    public static async Task<PipelineBuilds> BuildAsync(PipelineRun run, PipelinePlan plan)
    {
        var settings = run.Settings;
        var builds = new PipelineBuildRunner(run);
        var build = BaseBuild(settings, plan);
        var clock = Stopwatch.StartNew();
        var image = run.Tagged;
        BuildxMetadata? pushed = null;
        if (settings.PushByDigest)
        {
            pushed = await builds.BuildAsync(Attest(settings, ByDigest(run, build))).ConfigureAwait(false);
            image = $"{settings.Repository}@{pushed.Digest ?? throw new BuildxException("buildx reported no digest for the pushed image")}";
        }
        else if (settings.Push)
        {
            pushed = await builds.BuildAsync(Attest(settings, build.SetTags([image, .. settings.ExtraTags]).EnablePush())).ConfigureAwait(false);
        }

        var loaded = settings.OciLayout is { } layout
            ? await LayoutAsync(run, builds, build, layout).ConfigureAwait(false)
            : settings.Load && await LoadAsync(run, builds, build).ConfigureAwait(false);

        return new PipelineBuilds(image, pushed, loaded, clock.Elapsed.TotalSeconds, builds.PlatformSeconds);
    }

    /// <summary>After the build (one <c>buildx build</c> or a bake of many images): verify where the image landed, smoke-run, report.</summary>
    public static async Task<PipelineResult> FinishAsync(PipelineRun run, PipelinePlan plan, IReadOnlyList<EmulatorAction> emulators, PipelineBuilds built)
    {
        var settings = run.Settings;
        var target = settings.Push || settings.PushByDigest ? built.Image : settings.OciLayout!;

        // Signing verifies the repository pinned to the digest buildx reported (the registry must serve exactly that), not the tag.
        var pinned = settings.SignKey is not null ? Publish.PushedImageSigner.Pin(settings.Repository, built.Pushed?.Digest, "buildx") : null;
        var verification = await VerifyAsync(run, plan, pinned?.ToString() ?? VerifyTarget(settings, built)).ConfigureAwait(false);
        var problems = new List<string>(plan.Errors);
        problems.AddRange(verification.Problems);
        var smoke = await SmokeAsync(run, plan, built, verification, problems).ConfigureAwait(false);
        var signature = await SignAsync(run, plan, pinned, verification, problems).ConfigureAwait(false);
        return new PipelineResult
        {
            Plan = plan.Entries, Findings = plan.Findings, Emulators = emulators, BuildSeconds = built.Seconds, PlatformSeconds = built.PlatformSeconds, Loaded = built.Loaded,
            Digest = built.Pushed?.Digest, Image = target, Verification = verification, Smoke = smoke, Problems = problems, Signature = signature,
        };
    }

    /// <summary>
    /// Where the image is read back: a pushed image pinned to the digest buildx reported (as its smoke run is), since a tag
    /// can move between the push and the read; by its tag only when buildx reported none; else the layout directory.
    /// </summary>
    internal static string VerifyTarget(ImagePipelineSettings settings, PipelineBuilds built)
        => !(settings.Push || settings.PushByDigest) ? settings.OciLayout!
            : built.Pushed?.Digest is { } digest && !built.Image.Contains('@', StringComparison.Ordinal) ? $"{settings.Repository}@{digest}" : built.Image;

    /// <summary>Fails before anything is built when a signing key is given that cannot sign, or for a push that is not signed.</summary>
    /// <exception cref="SettingsException">A key without a tagged push (a by-digest push is one platform: the merge is signed).</exception>
    /// <exception cref="Signing.SignatureException">The key is not a P-256 private key this project reads.</exception>
    public static void CheckSignKey(ImagePipelineSettings settings)
    {
        if (settings.SignKey is null)
        {
            return;
        }

        if (settings.PushByDigest)
        {
            throw new SettingsException("--sign-key signs a whole image: a --push-by-digest push is one platform of a split build; sign the index with 'image merge --sign-key'", "SignKey");
        }

        if (!settings.Push)
        {
            throw new SettingsException("--sign-key signs what is pushed: expected --push, got no push", "SignKey");
        }

        Publish.PushedImageSigner.Check(settings.SignKey);
    }

    // Only a run with no problem at all (verification of the pinned digest, doctor, smoke runs) is signed, and exactly the digest verified.
    private static async Task<string?> SignAsync(PipelineRun run, PipelinePlan plan, Registry.ImageReference? pinned, Images.ImageVerification verification, List<string> problems)
    {
        if (pinned is null || run.Settings.SignKey is not { } key)
        {
            return null;
        }

        if (problems.Count > 0)
        {
            run.Log($"sign: nothing signed: {pinned} did not pass");
            return null;
        }

        var policy = Publish.PushedImageSigner.Policy(plan.Entries.Select(e => e.Platform).Distinct(), run.Settings.RequireStatic, run.Settings.BinaryPath);
        var signature = await Publish.PushedImageSigner.SignAsync(pinned, verification, policy, key, insecure: false, run.CancellationToken).ConfigureAwait(false);
        run.Log($"sign: {pinned} signed ({signature} and a verification summary per manifest)");
        return signature;
    }

    /// <summary>Verifies the image where it landed: its platform set and each platform's binary.</summary>
    public static async Task<ImageVerification> VerifyAsync(PipelineRun run, PipelinePlan plan, string target)
    {
        using var source = await ImageSources.OpenAsync(target, cancellationToken: run.CancellationToken).ConfigureAwait(false);
        var record = run.Settings.VerdictRecord is { } directory ? new Verification.VerdictRecord(directory) : null;
        var path = run.Settings.BinaryPath;
        var verification = await ImageVerifier.VerifyAsync(
            source, [.. plan.Entries.Select(e => e.Platform).Distinct()], _ => path, programRequired: true, run.Settings.RequireStatic, null, record, run.CancellationToken).ConfigureAwait(false);
        foreach (var recorded in verification.Entries.Where(e => e.Recorded))
        {
            run.Log($"verify {recorded.Platform}: passed before ({recorded.ManifestDigest}, recorded in {record!.Directory}); not read again");
        }

        return verification;
    }

    /// <summary>Runs each platform once as a container when asked and there is an image an engine can run; adds failures to <paramref name="problems"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SmokeAsync(PipelineRun run, PipelinePlan plan, PipelineBuilds built, ImageVerification verification, List<string> problems)
    {
        var settings = run.Settings;
        var pushedAny = settings.Push || settings.PushByDigest;
        var smoke = new Dictionary<string, string>();
        if (settings.SmokeArguments is not { } smokeArgs || !(pushedAny || built.Loaded) || !verification.Ok)
        {
            return smoke;
        }

        // Each platform runs once as a container (Engine API), as its weakest CPU where it is emulated; removed every time.
        using var engine = await DockerEngine.ConnectAsync(cancellationToken: run.CancellationToken).ConfigureAwait(false);
        // A pushed image runs pinned to the index digest buildx reported, and only such a run is recorded (under that digest):
        // a tag could move between the push and the run, and a loaded image is another build than the one verified.
        var pinned = built.Pushed?.Digest;
        var image = pinned is null ? built.Image : $"{settings.Repository}@{pinned}";
        var record = settings.VerdictRecord is { } directory && pinned is not null ? new Verification.VerdictRecord(directory) : null;
        foreach (var platform in plan.Platforms)
        {
            var policy = SmokePolicy(platform, smokeArgs);
            if (record?.Read(pinned!, policy)?["output"] is JsonValue value && value.TryGetValue<string>(out var recorded))
            {
                smoke[platform] = recorded;
                run.Log($"smoke {platform}: ran before ({pinned}, recorded in {record.Directory}); not run again: {recorded}");
                continue;
            }

            var result = await engine.RunAsync(new ContainerRunSettings { Image = image, Platform = platform, Arguments = smokeArgs, Pull = pushedAny }, run.CancellationToken).ConfigureAwait(false);
            smoke[platform] = result.Output;
            run.Log($"smoke {platform}{(result.Cpu is null ? string.Empty : $" (cpu {result.Cpu})")}: {smoke[platform]}");
            if (result.ExitCode != 0)
            {
                var outcome = new BinaryRun("container", (int)result.ExitCode, result.Output).Describe(built.Image, Platforms.Platform.Parse(platform));
                problems.Add($"{built.Image} on {platform}: {outcome}: {smoke[platform].Split('\n').LastOrDefault()}");
            }
            else if (record is not null)
            {
                record.Write(pinned!, policy, new JsonObject { ["output"] = result.Output });
            }
        }

        return smoke;
    }

    // A smoke run's verdict holds for the manifest run on that platform with these arguments (the output is kept to show again).
    private static string SmokePolicy(string platform, IReadOnlyList<string> arguments)
        => new JsonObject { ["check"] = "smoke", ["platform"] = platform, ["arguments"] = new JsonArray([.. arguments.Select(a => (JsonNode?)a)]) }.ToJsonString();

    internal static BuildxBuildSettings BaseBuild(ImagePipelineSettings settings, PipelinePlan plan)
    {
        var build = new BuildxBuildSettings { Context = settings.Context, File = settings.File, Platforms = plan.Platforms, BuildArgs = settings.BuildArgs, BuildContexts = settings.BuildContexts }
            .SetProgress("plain").DisableProvenance();
        build = settings.Labels.Aggregate(build, (b, label) => b.AddLabel(label.Key, label.Value));
        build = settings.Pull ? build.EnablePull() : build;
        return build with { CacheFrom = settings.CacheFrom };
    }

    internal static BuildxBuildSettings ByDigest(PipelineRun run, BuildxBuildSettings build)
    {
        var settings = run.Settings;
        // OCI media types, so the merged index can carry annotations (a Docker manifest list drops them).
        var byDigest = build.AddOutput((settings.Driver == "docker"
            ? BuildxOutput.Registry($"{settings.Repository}:crossbuild-digest-{Guid.NewGuid():n}")
            : BuildxOutput.PushByDigest(settings.Repository)).With("oci-mediatypes", "true"));
        run.Log(settings.Driver == "docker" ? "push-by-digest: the docker driver cannot push untagged; pushing a throwaway crossbuild-digest-* tag instead" : "push-by-digest: no tag is pushed");
        return byDigest;
    }

    // Attestations go with the pushed image only (an engine load cannot hold them; the layout is for verification).
    internal static BuildxBuildSettings Attest(ImagePipelineSettings settings, BuildxBuildSettings build)
    {
        var sbom = !settings.Sbom ? null : settings.SbomGenerator is { } generator ? $"generator={generator}" : "true";
        return settings.Provenance is null && sbom is null ? build : build with { Provenance = settings.Provenance ?? "false", Sbom = sbom };
    }

    // The layout and the load come out of ONE build (two exporters, one solve) where buildx and the engine take it; an
    // engine that refuses the load gets the layout alone, built again from the cache. Returns whether it loaded.
    private static async Task<bool> LayoutAsync(PipelineRun run, PipelineBuildRunner builds, BuildxBuildSettings build, string layout)
    {
        if (!run.Settings.Load)
        {
            await builds.BuildAsync(build, layout).ConfigureAwait(false);
            return false;
        }

        try
        {
            await builds.BuildAsync(build.SetTags(run.Tagged).EnableLoad(), layout).ConfigureAwait(false);
            return true;
        }
        catch (CrossBuildException e) when (LoadRefusal.Is(e))
        {
            run.Log($"load skipped: {e.Message} (multi-platform images load only into an engine with the containerd image store, next to other outputs only with buildx and BuildKit 0.13 or later)");
            await builds.BuildAsync(build, layout).ConfigureAwait(false);
            return false;
        }
    }

    private static async Task<bool> LoadAsync(PipelineRun run, PipelineBuildRunner builds, BuildxBuildSettings build)
    {
        try
        {
            await builds.BuildAsync(build.SetTags(run.Tagged).EnableLoad()).ConfigureAwait(false);
            return true;
        }
        catch (CrossBuildException e)
        {
            // Loading is a convenience: an engine without the containerd image store cannot hold a multi-platform image.
            run.Log($"load skipped: {e.Message} (multi-platform images load only into an engine with the containerd image store)");
            return false;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild image build</c>: the whole pipeline — doctor, plan, builder, emulators if needed, buildx, verify, publish, smoke.</summary>
internal sealed class ImageBuildCommand
{
    private readonly Argument<string> context = new("context") { Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => ".", Description = "The build context." };
    private readonly Option<string?> file = new("-f", "--file") { Description = "The Dockerfile (default: <context>/Dockerfile)." };
    private readonly Option<string> platforms = PlatformsOption.ForProducer("The platforms built");
    private readonly Option<string[]> tag = new("-t", "--tag") { Description = "The image, repository:tag (repeatable; the first is verified; needed with --push unless --github-metadata)." };
    private readonly Option<string[]> labels = new("--label") { Description = "NAME=value image label (repeatable)." };
    private readonly Option<string?> githubMetadata = new("--github-metadata") { Description = "Tag and label the image for this repository from the running GitHub workflow, like docker/metadata-action." };
    private readonly Option<string?> byDigest = new("--push-by-digest") { Description = "Push to this repository by digest only (one platform of a split build; merge with 'image merge')." };
    private readonly Option<string?> digestFile = new("--digest-file") { Description = "Write the pushed image's digest to this file (for 'image merge --digests-dir')." };
    private readonly Option<bool> push = new("--push") { Description = "Push to the image's registry." };
    private readonly Option<string?> signKey = new("--sign-key") { Description = "With --push: sign the pushed index after what the registry serves under the digest buildx reported verified, with this ECDSA P-256 PKCS#8 PEM private key file (cosign's .sig and a SLSA Verification Summary per manifest under .att). Not with --push-by-digest: sign the merge ('image merge --sign-key')." };
    private readonly Option<string?> oci = new("--oci") { Description = "Also write an OCI layout to this directory." };
    private readonly Option<string[]> buildArgs = new("--build-arg") { Description = "NAME=value (repeatable)." };
    private readonly Option<string[]> contexts = new("--build-context") { Description = "name=path (repeatable)." };
    private readonly Option<bool> requireStatic = new("--static") { Description = "Require each platform's binary to be statically linked." };
    private readonly Option<string?> path = new("--path") { Description = "The binary to verify in each platform (default: the entrypoint)." };
    private readonly Option<bool> smoke = new("--smoke") { Description = "Run each platform's image once (natively or under QEMU) after pushing." };
    private readonly Option<string?> verdicts = new("--verdict-record") { Description = "Keep passing verdicts in this directory (e.g. artifacts/verdicts): a platform manifest verified (and smoke-run) under the same checks before is not read or run again." };
    private readonly Option<bool> load = new("--load") { Description = "Also load the image into the local engine (several platforms need the containerd image store); with --oci, one build writes both." };
    private readonly Option<bool> pull = new("--pull") { Description = "Always fetch base images from their registry." };
    private readonly Option<string> driver = new("--driver") { DefaultValueFactory = _ => "docker", Description = "buildx driver: docker (default), docker-container, kubernetes, remote." };
    private readonly Option<string[]> cacheFrom = new("--cache-from") { Description = "A cache to read, in buildx's syntax (type=gha,scope=linux-arm64; type=registry,ref=...) (repeatable)." };
    private readonly Option<string[]> cacheTo = new("--cache-to") { Description = "A cache to write, in buildx's syntax (type=gha,scope=linux-arm64,mode=max) (repeatable; written by the first build only)." };
    private readonly Option<string?> provenance = new("--provenance") { Description = "Provenance attestation of the pushed image: mode=max or mode=min (default: none)." };
    private readonly Option<bool> sbom = new("--sbom") { Description = "Attach an SBOM attestation to the pushed image." };
    private readonly Option<string?> sbomGenerator = new("--sbom-generator") { Description = "SBOM generator image (BuildKit's SBOM protocol; implies --sbom; default docker/buildkit-syft-scanner)." };
    private readonly Option<bool> force = new("--ignore-doctor") { Description = "Build even when the Dockerfile doctor reports errors." };
    private readonly MetadataOptions metadataOptions = new();

    public static Command Create() => new ImageBuildCommand().Build();

    private Command Build()
    {
        var build = new Command("build", "Build a multi-platform image through the whole pipeline: doctor, plan, builder, emulators (only if needed), buildx, verify, publish.")
        {
            context, file, platforms, tag, push, signKey, oci, buildArgs, contexts, requireStatic, path, smoke, verdicts, pull, driver, force, labels, githubMetadata, byDigest, digestFile,
            cacheFrom, cacheTo, provenance, sbom, sbomGenerator, load,
        };
        metadataOptions.AddTo(build);
        build.SetAction(RunAsync);
        return build;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var (tags, labelPairs) = await TagsAndLabelsAsync(result, cancellationToken).ConfigureAwait(false);
        var settings = Validate(Inputs(result, Settings(result, tags, labelPairs)));
        var error = result.InvocationConfiguration.Error;
        var pipeline = await ImagePipelineTasks.RunAsync(settings, line => error.WriteLine(line), cancellationToken).ConfigureAwait(false);
        var table = await ReportAsync(result, pipeline).ConfigureAwait(false);
        if (result.GetValue(digestFile) is { } digestPath && pipeline.Succeeded && pipeline.Digest is { } digest)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(digestPath))!);
            await File.WriteAllTextAsync(digestPath, digest + "\n", cancellationToken).ConfigureAwait(false);
        }

        GitHubOutputs.Write(
            ("digest", pipeline.Digest ?? string.Empty), ("platforms", string.Join(",", pipeline.Plan.Select(e => e.Platform).Distinct())), ("tags", string.Join('\n', settings.PushByDigest ? [] : tags)),
            ("labels", string.Join('\n', labelPairs.Select(l => $"{l.Name}={l.Value}"))), ("image", pipeline.Image + (pipeline.Digest is null ? string.Empty : "@" + pipeline.Digest)));
        GitHubOutputs.Summary(table);
        return pipeline.Succeeded ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    private async Task<(List<string> Tags, List<(string Name, string Value)> Labels)> TagsAndLabelsAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var tags = (result.GetValue(tag) ?? []).ToList();
        var labelPairs = (result.GetValue(labels) ?? []).Select(l => Pair(l, "--label")).ToList();
        if (result.GetValue(githubMetadata) is { } repository)
        {
            var metadata = await metadataOptions.ComputeAsync(result, cancellationToken, repository).ConfigureAwait(false);
            tags.AddRange(metadata.Tags.Count > 0 ? metadata.Tags : throw new UsageException($"no tag rule gave a tag for {result.GetValue(githubMetadata)} on this event; add --tag-rule (e.g. type=sha) or --tag"));
            labelPairs.AddRange(metadata.Labels.Select(l => (l.Key, l.Value)));
        }

        return (tags, labelPairs);
    }

    private ImagePipelineSettings Settings(ParseResult result, List<string> tags, List<(string Name, string Value)> labelPairs)
    {
        var digestRepository = result.GetValue(byDigest)?.ToLowerInvariant();
        var image = digestRepository ?? tags.FirstOrDefault() ?? "crossbuild-image:latest";
        var colon = image.LastIndexOf(':');
        var hasTag = digestRepository is null && colon > image.LastIndexOf('/');
        return new ImagePipelineSettings
        {
            Context = result.GetValue(context)!,
            File = result.GetValue(file),
            Repository = hasTag ? image[..colon] : image,
            Tag = hasTag ? image[(colon + 1)..] : "latest",
            Push = result.GetValue(push),
            PushByDigest = digestRepository is not null,
            ExtraTags = [.. tags.Skip(1)],
            Labels = [.. labelPairs.Select(l => new KeyValuePair<string, string>(l.Name, l.Value))],
            OciLayout = result.GetValue(oci),
            Load = result.GetValue(load),
            RequireStatic = result.GetValue(requireStatic),
            BinaryPath = result.GetValue(path),
            Pull = result.GetValue(pull),
            Driver = result.GetValue(driver)!,
            StopOnDoctorErrors = !result.GetValue(force),
            SmokeArguments = result.GetValue(smoke) ? [] : null,
            SignKey = result.GetValue(signKey),
            VerdictRecord = result.GetValue(verdicts),
            Provenance = result.GetValue(provenance),
            Sbom = result.GetValue(sbom) || result.GetValue(sbomGenerator) is not null, SbomGenerator = result.GetValue(sbomGenerator),
        }.SetPlatforms(result.GetValue(platforms)!);
    }

    // Caches, build arguments and named contexts.
    private ImagePipelineSettings Inputs(ParseResult result, ImagePipelineSettings settings)
    {
        settings = (result.GetValue(cacheFrom) ?? []).Aggregate(settings, (s, c) => s.AddCacheFrom(Cache(c, "--cache-from")));
        settings = (result.GetValue(cacheTo) ?? []).Aggregate(settings, (s, c) => s.AddCacheTo(Cache(c, "--cache-to")));
        foreach (var arg in result.GetValue(buildArgs) ?? [])
        {
            var (name, value) = Pair(arg, "--build-arg");
            settings = settings.AddBuildArg(name, value);
        }

        foreach (var ctx in result.GetValue(contexts) ?? [])
        {
            var (name, value) = Pair(ctx, "--build-context");
            settings = settings.AddBuildContext(name, value);
        }

        return settings;
    }

    private static ImagePipelineSettings Validate(ImagePipelineSettings settings)
    {
        if (!settings.Push && !settings.PushByDigest && settings.OciLayout is null)
        {
            throw new UsageException("nothing to publish: pass --push (with --tag or --github-metadata), --push-by-digest <repository> and/or --oci <dir>");
        }

        if (settings.Push && settings.PushByDigest)
        {
            throw new UsageException("--push and --push-by-digest exclude each other: a split build pushes by digest and 'image merge' tags");
        }

        return settings.SignKey is not null && settings.PushByDigest
            ? throw new UsageException("--sign-key signs a whole image: a --push-by-digest push is one platform of a split build; sign the index with 'image merge --sign-key'")
            : settings;
    }

    private static async Task<SummaryTable> ReportAsync(ParseResult result, PipelineResult pipeline)
    {
        var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
        var rows = pipeline.Plan.Select(e => (IReadOnlyList<string>)[
            e.Platform.ToString(), Matrix.MatrixJson.ModeName(e.Mode), .. VerificationCells.For(pipeline.Verification?.Entries.FirstOrDefault(v => v.Platform == e.Platform))]).ToList();
        var table = new SummaryTable(["platform", "mode", "verified", "static", "manifest"], rows);
        output.WriteTable(table);
        if (pipeline.Signature is { } signature)
        {
            await output.WriteLineAsync($"signed: {pipeline.Image}@{pipeline.Digest} (signature tag {signature}; a verification summary per manifest under .att)").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"build: {pipeline.BuildSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; image: {pipeline.Image}{(pipeline.Digest is null ? string.Empty : "@" + pipeline.Digest)}").ConfigureAwait(false);
        foreach (var problem in pipeline.Problems)
        {
            await error.WriteLineAsync(problem).ConfigureAwait(false);
        }

        return table;
    }

    internal static (string Name, string Value) Pair(string text, string option)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? (text[..eq], text[(eq + 1)..]) : throw new UsageException($"invalid {option} '{text}': expected name=value");
    }

    private static BuildxCache Cache(string text, string option)
    {
        try
        {
            return BuildxCache.Parse(text);
        }
        catch (SettingsException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }
}

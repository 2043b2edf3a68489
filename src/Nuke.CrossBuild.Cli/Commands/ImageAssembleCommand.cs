using System.CommandLine;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Reports;
using Nuke.CrossBuild.Tar;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild image assemble [&lt;binaries&gt;] --platforms specs --oci dir | --tar file</c>: the Go matrix's binaries as a reproducible, verified image, no engine.</summary>
internal sealed class ImageAssembleCommand
{
    private readonly Argument<string?> binaries = new("binaries") { Description = $"The binaries' output pattern, as go build -o (default {ImageAssemblySettings.DefaultBinaries}).", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> platforms = PlatformsOption.ForConsumer("The platforms", "the Linux platforms go build wrote binaries for at the binaries pattern (with --base-only, common)");
    private readonly Option<string?> name = new("--name") { Description = "The binary's name (default: the one file in each platform's directory)." };
    private readonly Option<string?> oci = new("--oci") { Description = "Write an OCI layout directory (an existing layout there is replaced)." };
    private readonly Option<string?> tar = new("--tar") { Description = "Write an OCI layout tarball (docker load reads it)." };
    private readonly Option<string?> push = new("--push") { Description = "Push to registry/repository:tag (blobs, manifests and index by digest first, the tag last) and verify what the registry serves." };
    private readonly Option<string?> signKey = new("--sign-key") { Description = "With --push: sign the pushed image after it verified with this ECDSA P-256 PKCS#8 PEM private key file (cosign's .sig and a SLSA Verification Summary per manifest under .att; cosign verify --key checks them)." };
    private readonly Option<bool> insecure = new("--insecure") { Description = "Allow plain HTTP to a registry that is not on loopback (loopback always may)." };
    private readonly Option<string?> baseImage = new("--base") { Description = "The base: scratch (default), an OCI layout directory, an OCI tarball or a registry reference; each platform from its index." };
    private readonly Option<string[]> layers = new("--layer") { Description = "A root file system tarball laid below the binary, a pattern per platform like rootfs/glibc-{arch}{variant}.tar (repeatable, in order)." };
    private readonly Option<string?> tag = new("-t", "--tag") { Description = "The image name recorded in the layout, e.g. app:1 (docker load uses it)." };
    private readonly Option<string[]> entrypoint = new("--entrypoint") { Description = "The entrypoint, one argument per use (default: the binary).", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> cmd = new("--cmd") { Description = "A default argument (repeatable, in order)." };
    private readonly Option<string[]> env = new("--env") { Description = "NAME=value environment variable (repeatable)." };
    private readonly Option<string?> workdir = new("--workdir") { Description = "The working directory in the image." };
    private readonly Option<string?> user = new("--user") { Description = $"uid[:gid] (default {ImageAssemblySettings.DefaultUser}, non-root)." };
    private readonly Option<string[]> labels = new("--label") { Description = "NAME=value config label (repeatable)." };
    private readonly Option<string[]> annotations = new("--annotation") { Description = "NAME=value annotation of the index and every manifest (repeatable)." };
    private readonly Option<string[]> files = new("--file") { Description = "host-file:/path/in/image, an extra file in every platform (repeatable; a CA bundle, tzdata)." };
    private readonly Option<string?> epoch = new("--epoch") { Description = "Unix seconds for every time in the image (default SOURCE_DATE_EPOCH, else HEAD's commit time, else 0)." };
    private readonly Option<string?> githubMetadata = new("--github-metadata") { Description = "Labels and annotations (and, with --push, tags) from the running GitHub workflow for this repository, like docker/metadata-action (--tag-rule, --latest)." };
    private readonly Option<string?> chunkSize = new("--chunk-size") { Description = $"With --push: blobs larger than this go up in chunks of this size (default {ImageAssemblySettings.DefaultChunkSize >> 20}M; e.g. 8M)." };
    private readonly Option<bool> baseOnly = new("--base-only") { Description = "Assemble a base image: only the --layer tarballs and --file files, no binary (a runtime base from packages, for other images' --base)." };
    private readonly Option<bool> requireStatic = new("--static") { Description = "Require every binary to be statically linked." };
    private readonly Option<string?> verdicts = new("--verdict-record") { Description = "Keep passing verdicts in this directory (e.g. artifacts/verdicts): a platform manifest identical to one that passed before is not read back again." };
    private readonly Option<bool> json = new("--json") { Description = "Print the index digest and each platform's manifest as JSON." };
    private readonly MetadataOptions metadataOptions = new();

    public static Command Create() => new ImageAssembleCommand().Build();

    private Command Build()
    {
        var assemble = new Command("assemble", "Assemble a multi-platform image from the Go matrix's binaries on scratch or a base, without an engine: reproducible byte for byte, verified before it is written or pushed.")
        {
            binaries, platforms, name, baseImage, layers, oci, tar, push, signKey, insecure, tag, entrypoint, cmd, env, workdir, user, labels, annotations, files, epoch, baseOnly, chunkSize, githubMetadata, requireStatic, verdicts, json,
        };
        metadataOptions.AddTo(assemble);
        assemble.SetAction(RunAsync);
        return assemble;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var settings = await WithMetadataAsync(result, Config(result, Targets(result)), cancellationToken).ConfigureAwait(false);
        if (settings.OciLayout is null && settings.Archive is null && settings.Push is null)
        {
            throw new UsageException("nothing to write: expected --oci <dir>, --tar <file> and/or --push <ref>");
        }

        settings = WithPlatforms(result, settings);
        var assembly = await ImageAssemblyTasks.AssembleAsync(settings, cancellationToken).ConfigureAwait(false);
        await ReportAsync(result, settings, assembly).ConfigureAwait(false);
        GitHubOutputs.Write(("digest", assembly.IndexDigest), ("platforms", string.Join(",", assembly.Platforms.Select(a => a.Platform))));
        return ExitCodes.Ok;
    }

    // What is read and where the image goes.
    private ImageAssemblySettings Targets(ParseResult result)
    {
        var settings = new ImageAssemblySettings { RequireStatic = result.GetValue(requireStatic) };
        settings = result.GetValue(binaries) is { } b ? settings.SetBinaries(b) : settings;
        settings = result.GetValue(name) is { } n ? settings.SetName(n) : settings;
        settings = result.GetValue(oci) is { } o ? settings.SetOciLayout(o) : settings;
        settings = result.GetValue(tar) is { } t ? settings.SetArchive(t) : settings;
        settings = result.GetValue(tag) is { } g ? settings.SetTag(g) : settings;
        settings = result.GetValue(baseImage) is { } bi ? settings.SetBase(bi) : settings;
        settings = result.GetValue(push) is { } r ? settings.EnablePush(r) : settings;
        settings = result.GetValue(insecure) ? settings.EnableInsecure() : settings;
        settings = result.GetValue(signKey) is { } key ? settings.SetSignKey(key) : settings;
        settings = result.GetValue(baseOnly) ? settings.EnableBaseOnly() : settings;
        settings = result.GetValue(verdicts) is { } v ? settings.SetVerdictRecord(v) : settings;
        settings = result.GetValue(chunkSize) is { } cs ? settings.SetChunkSize(ByteSize.Parse(cs, "--chunk-size")) : settings;
        return result.GetValue(epoch) is { } s ? settings.SetEpoch(SourceDateEpoch.Parse(s, "--epoch")) : settings;
    }

    // The image's configuration and contents.
    private ImageAssemblySettings Config(ParseResult result, ImageAssemblySettings settings)
    {
        settings = result.GetValue(entrypoint) is { Length: > 0 } e ? settings.SetEntrypoint(e) : settings;
        settings = result.GetValue(cmd) is { Length: > 0 } c ? settings.SetCmd(c) : settings;
        settings = result.GetValue(workdir) is { } w ? settings.SetWorkingDirectory(w) : settings;
        settings = result.GetValue(user) is { } u ? settings.SetUser(u) : settings;
        settings = (result.GetValue(env) ?? []).Select(x => ImageBuildCommand.Pair(x, "--env")).Aggregate(settings, (x, v) => x.AddEnvironmentVariable(v.Name, v.Value));
        settings = (result.GetValue(labels) ?? []).Select(x => ImageBuildCommand.Pair(x, "--label")).Aggregate(settings, (x, v) => x.AddLabel(v.Name, v.Value));
        settings = (result.GetValue(annotations) ?? []).Select(x => ImageBuildCommand.Pair(x, "--annotation")).Aggregate(settings, (x, v) => x.AddAnnotation(v.Name, v.Value));
        settings = (result.GetValue(files) ?? []).Select(File).Aggregate(settings, (x, f) => x.AddFile(f.Source, f.Destination));
        return (result.GetValue(layers) ?? []).Aggregate(settings, (x, l) => x.AddLayer(l));
    }

    // metadata-action's labels go on the config and, as annotations, on the index and manifests; its tags on the push.
    private async Task<ImageAssemblySettings> WithMetadataAsync(ParseResult result, ImageAssemblySettings settings, CancellationToken cancellationToken)
    {
        if (result.GetValue(githubMetadata) is not { } repository)
        {
            return settings;
        }

        var metadata = await metadataOptions.ComputeAsync(result, cancellationToken, repository).ConfigureAwait(false);
        settings = settings with { Labels = [.. metadata.Labels, .. settings.Labels], Annotations = [.. metadata.Labels, .. settings.Annotations] }; // --label/--annotation win
        return settings.Push is null ? settings : settings.AddTags([.. metadata.TagNames]);
    }

    // Given no --platforms, the library's default: the Linux platforms go build wrote (common for a base-only image).
    private ImageAssemblySettings WithPlatforms(ParseResult result, ImageAssemblySettings settings)
        => result.GetValue(platforms) is { } specs ? settings.SetPlatforms(specs) : settings;

    private async Task ReportAsync(ParseResult result, ImageAssemblySettings settings, ImageAssembly assembly)
    {
        var output = result.InvocationConfiguration.Output;
        if (result.GetValue(json))
        {
            await output.WriteLineAsync(ToJson(assembly)).ConfigureAwait(false);
            return;
        }

        var rows = assembly.Platforms.Select(a => (IReadOnlyList<string>)[a.Platform.ToString(), a.Binary ?? "(base only)", a.LayerSize > 0 ? ByteSizes.Format(a.LayerSize) : "-", "yes", a.ManifestDigest]).ToList();
        output.WriteTable(new SummaryTable(["platform", "binary", "layer", "verified", "manifest"], rows));
        await output.WriteLineAsync($"index: {assembly.IndexDigest} (epoch {assembly.Epoch}){(settings.Push is { } pushed ? $"; pushed to {pushed} ({assembly.UploadedBlobs} blobs uploaded{(assembly.MountedBlobs > 0 ? $", {assembly.MountedBlobs} mounted from the base's repository" : string.Empty)}, the rest were there)" : string.Empty)}").ConfigureAwait(false);
    }

    private static (string Source, string Destination) File(string text)
    {
        var colon = text.IndexOf(":/", StringComparison.Ordinal);
        return colon > 0 ? (text[..colon], text[(colon + 1)..]) : throw new UsageException($"invalid --file '{text}': expected host-file:/absolute/path/in/image");
    }

    private static string ToJson(ImageAssembly assembly) => new JsonObject
    {
        ["digest"] = assembly.IndexDigest,
        ["epoch"] = assembly.Epoch,
        ["uploadedBlobs"] = assembly.UploadedBlobs,
        ["mountedBlobs"] = assembly.MountedBlobs,
        ["platforms"] = new JsonArray([.. assembly.Platforms.Select(a => (JsonNode)new JsonObject
        {
            ["platform"] = a.Platform.ToString(), ["binary"] = a.Binary, ["manifest"] = a.ManifestDigest, ["layerSize"] = a.LayerSize,
        })]),
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Reports;
using Nuke.CrossBuild.Tar;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild image assemble [&lt;binaries&gt;] --platforms specs --oci dir | --tar file</c>: the Go matrix's binaries as a reproducible, verified image, no engine.</summary>
internal static class ImageAssembleCommand
{
    public static Command Create()
    {
        var binaries = new Argument<string?>("binaries") { Description = $"The binaries' output pattern, as go build -o (default {ImageAssemblySettings.DefaultBinaries}).", Arity = ArgumentArity.ZeroOrOne };
        var platforms = new Option<string?>("--platforms") { Description = "The platforms (specs as for matrix; default common)." };
        var name = new Option<string?>("--name") { Description = "The binary's name (default: the one file in each platform's directory)." };
        var oci = new Option<string?>("--oci") { Description = "Write an OCI layout directory (an existing layout there is replaced)." };
        var tar = new Option<string?>("--tar") { Description = "Write an OCI layout tarball (docker load reads it)." };
        var push = new Option<string?>("--push") { Description = "Push to registry/repository:tag (blobs, manifests and index by digest first, the tag last) and verify what the registry serves." };
        var insecure = new Option<bool>("--insecure") { Description = "Allow plain HTTP to a registry that is not on loopback (loopback always may)." };
        var baseImage = new Option<string?>("--base") { Description = "The base: scratch (default), an OCI layout directory, an OCI tarball or a registry reference; each platform from its index." };
        var layers = new Option<string[]>("--layer") { Description = "A root file system tarball laid below the binary, a pattern per platform like rootfs/glibc-{arch}{variant}.tar (repeatable, in order)." };
        var tag = new Option<string?>("-t", "--tag") { Description = "The image name recorded in the layout, e.g. app:1 (docker load uses it)." };
        var entrypoint = new Option<string[]>("--entrypoint") { Description = "The entrypoint, one argument per use (default: the binary).", AllowMultipleArgumentsPerToken = false };
        var cmd = new Option<string[]>("--cmd") { Description = "A default argument (repeatable, in order)." };
        var env = new Option<string[]>("--env") { Description = "NAME=value environment variable (repeatable)." };
        var workdir = new Option<string?>("--workdir") { Description = "The working directory in the image." };
        var user = new Option<string?>("--user") { Description = $"uid[:gid] (default {ImageAssemblySettings.DefaultUser}, non-root)." };
        var labels = new Option<string[]>("--label") { Description = "NAME=value config label (repeatable)." };
        var annotations = new Option<string[]>("--annotation") { Description = "NAME=value annotation of the index and every manifest (repeatable)." };
        var files = new Option<string[]>("--file") { Description = "host-file:/path/in/image, an extra file in every platform (repeatable; a CA bundle, tzdata)." };
        var epoch = new Option<string?>("--epoch") { Description = "Unix seconds for every time in the image (default SOURCE_DATE_EPOCH, else HEAD's commit time, else 0)." };
        var githubMetadata = new Option<string?>("--github-metadata") { Description = "Labels and annotations (and, with --push, tags) from the running GitHub workflow for this repository, like docker/metadata-action (--tag-rule, --latest)." };
        var chunkSize = new Option<string?>("--chunk-size") { Description = $"With --push: blobs larger than this go up in chunks of this size (default {ImageAssemblySettings.DefaultChunkSize >> 20}M; e.g. 8M)." };
        var baseOnly = new Option<bool>("--base-only") { Description = "Assemble a base image: only the --layer tarballs and --file files, no binary (a runtime base from packages, for other images' --base)." };
        var requireStatic = new Option<bool>("--static") { Description = "Require every binary to be statically linked." };
        var json = new Option<bool>("--json") { Description = "Print the index digest and each platform's manifest as JSON." };
        var assemble = new Command("assemble", "Assemble a multi-platform image from the Go matrix's binaries on scratch or a base, without an engine: reproducible byte for byte, verified before it is written or pushed.")
        {
            binaries, platforms, name, baseImage, layers, oci, tar, push, insecure, tag, entrypoint, cmd, env, workdir, user, labels, annotations, files, epoch, baseOnly, chunkSize, githubMetadata, requireStatic, json,
        };
        var metadataOptions = new MetadataOptions();
        metadataOptions.AddTo(assemble);
        assemble.SetAction(async (result, cancellationToken) =>
        {
            var settings = new ImageAssemblySettings { RequireStatic = result.GetValue(requireStatic) };
            settings = result.GetValue(binaries) is { } b ? settings.SetBinaries(b) : settings;
            settings = result.GetValue(platforms) is { } p ? settings.SetPlatforms(p) : settings;
            settings = result.GetValue(name) is { } n ? settings.SetName(n) : settings;
            settings = result.GetValue(oci) is { } o ? settings.SetOciLayout(o) : settings;
            settings = result.GetValue(tar) is { } t ? settings.SetArchive(t) : settings;
            settings = result.GetValue(tag) is { } g ? settings.SetTag(g) : settings;
            settings = result.GetValue(baseImage) is { } bi ? settings.SetBase(bi) : settings;
            settings = result.GetValue(push) is { } r ? settings.EnablePush(r) : settings;
            settings = result.GetValue(insecure) ? settings.EnableInsecure() : settings;
            settings = result.GetValue(baseOnly) ? settings.EnableBaseOnly() : settings;
            settings = result.GetValue(chunkSize) is { } cs ? settings.SetChunkSize(ByteSize.Parse(cs, "--chunk-size")) : settings;
            settings = result.GetValue(entrypoint) is { Length: > 0 } e ? settings.SetEntrypoint(e) : settings;
            settings = result.GetValue(cmd) is { Length: > 0 } c ? settings.SetCmd(c) : settings;
            settings = result.GetValue(workdir) is { } w ? settings.SetWorkingDirectory(w) : settings;
            settings = result.GetValue(user) is { } u ? settings.SetUser(u) : settings;
            settings = result.GetValue(epoch) is { } s ? settings.SetEpoch(SourceDateEpoch.Parse(s, "--epoch")) : settings;
            settings = (result.GetValue(env) ?? []).Select(x => ImageBuildCommand.Pair(x, "--env")).Aggregate(settings, (x, v) => x.AddEnvironmentVariable(v.Name, v.Value));
            settings = (result.GetValue(labels) ?? []).Select(x => ImageBuildCommand.Pair(x, "--label")).Aggregate(settings, (x, v) => x.AddLabel(v.Name, v.Value));
            settings = (result.GetValue(annotations) ?? []).Select(x => ImageBuildCommand.Pair(x, "--annotation")).Aggregate(settings, (x, v) => x.AddAnnotation(v.Name, v.Value));
            settings = (result.GetValue(files) ?? []).Select(File).Aggregate(settings, (x, f) => x.AddFile(f.Source, f.Destination));
            settings = (result.GetValue(layers) ?? []).Aggregate(settings, (x, l) => x.AddLayer(l));
            if (result.GetValue(githubMetadata) is { } repository)
            {
                // metadata-action's labels go on the config and, as annotations, on the index and manifests; its tags on the push.
                var metadata = await metadataOptions.ComputeAsync(result, cancellationToken, repository).ConfigureAwait(false);
                settings = settings with { Labels = [.. metadata.Labels, .. settings.Labels], Annotations = [.. metadata.Labels, .. settings.Annotations] }; // --label/--annotation win
                settings = settings.Push is null ? settings : settings.AddTags([.. metadata.TagNames]);
            }

            if (settings.OciLayout is null && settings.Archive is null && settings.Push is null)
            {
                throw new UsageException("nothing to write: expected --oci <dir>, --tar <file> and/or --push <ref>");
            }

            var assembly = await ImageAssembler.AssembleAsync(settings, cancellationToken).ConfigureAwait(false);
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                await output.WriteLineAsync(ToJson(assembly)).ConfigureAwait(false);
            }
            else
            {
                var rows = assembly.Platforms.Select(a => (IReadOnlyList<string>)[a.Platform.ToString(), a.Binary ?? "(base only)", a.LayerSize > 0 ? ByteSizes.Format(a.LayerSize) : "-", "yes", a.ManifestDigest]).ToList();
                output.WriteTable(new SummaryTable(["platform", "binary", "layer", "verified", "manifest"], rows));
                await output.WriteLineAsync($"index: {assembly.IndexDigest} (epoch {assembly.Epoch}){(settings.Push is { } pushed ? $"; pushed to {pushed} ({assembly.UploadedBlobs} blobs uploaded{(assembly.MountedBlobs > 0 ? $", {assembly.MountedBlobs} mounted from the base's repository" : string.Empty)}, the rest were there)" : string.Empty)}").ConfigureAwait(false);
            }

            GitHubOutputs.Write(("digest", assembly.IndexDigest), ("platforms", string.Join(",", assembly.Platforms.Select(a => a.Platform))));
            return ExitCodes.Ok;
        });
        return assemble;
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

using System.CommandLine;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild image merge</c>: the last job of a split build — per-platform digests into one tagged, verified index.</summary>
internal static class ImageMergeCommand
{
    public static Command Create()
    {
        var repository = new Argument<string>("repository") { Description = "The repository the platforms were pushed to by digest, e.g. ghcr.io/owner/app." };
        var digests = new Option<string[]>("--digest") { Description = "A per-platform digest, sha256:... (repeatable)." };
        var directory = new Option<string?>("--digests-dir") { Description = "A directory of digest files written by 'image build --digest-file'." };
        var tags = new Option<string[]>("-t", "--tag") { Description = "A full reference to tag the index with (repeatable)." };
        var githubMetadata = new Option<bool>("--github-metadata") { Description = "Tag (and annotate) the index from the running GitHub workflow, like docker/metadata-action." };
        var platforms = PlatformsOption.ForConsumer("The platforms the index must hold, exactly", "the platforms the digests hold");
        var requireStatic = new Option<bool>("--static") { Description = "Require each platform's binary to be statically linked." };
        var path = new Option<string?>("--path") { Description = "The binary to verify in each platform (default: the entrypoint)." };
        var signKey = new Option<string?>("--sign-key") { Description = "Sign the merged index after what the registry serves under its digest verified, with this ECDSA P-256 PKCS#8 PEM private key file (cosign's .sig and a SLSA Verification Summary per manifest under .att; cosign verify --key checks them)." };
        var metadataOptions = new MetadataOptions();
        var merge = new Command("merge", "Merge per-platform digests into one index (docker buildx imagetools create), tag it, and verify what the registry serves.")
        {
            repository, digests, directory, tags, githubMetadata, platforms, requireStatic, path, signKey,
        };
        metadataOptions.AddTo(merge);
        merge.SetAction(async (result, cancellationToken) =>
        {
            var repo = result.GetValue(repository)!.ToLowerInvariant();
            var settings = new ImageMergeSettings { Repository = repo, RequireStatic = result.GetValue(requireStatic), BinaryPath = result.GetValue(path) }
                .AddDigests(result.GetValue(digests) ?? []).AddTags(result.GetValue(tags) ?? []);
            settings = result.GetValue(directory) is { } dir ? settings.AddDigests([.. ImageMergeTasks.ReadDigests(dir)]) : settings;
            settings = result.GetValue(platforms) is { } p ? settings with { Platforms = [p] } : settings;
            settings = result.GetValue(signKey) is { } key ? settings.SetSignKey(key) : settings;
            if (result.GetValue(githubMetadata))
            {
                var metadata = await metadataOptions.ComputeAsync(result, cancellationToken, repo).ConfigureAwait(false);
                settings = settings.AddTags([.. metadata.Tags]) with { Annotations = metadata.Labels };
            }

            if (settings.Digests.Count == 0 || settings.Tags.Count == 0)
            {
                throw new UsageException($"nothing to merge: expected --digest/--digests-dir and --tag/--github-metadata, got {settings.Digests.Count} digests and {settings.Tags.Count} tags");
            }

            var merged = await ImageMergeTasks.RunAsync(settings, cancellationToken).ConfigureAwait(false);
            var output = result.InvocationConfiguration.Output;
            var rows = merged.Verification.Entries.Select(e => (IReadOnlyList<string>)[e.Platform?.ToString() ?? "?", .. VerificationCells.For(e)]).ToList();
            var table = new SummaryTable(["platform", "verified", "static", "manifest"], rows);
            output.WriteTable(table);
            await output.WriteLineAsync($"index: {repo}@{merged.Digest}; tags: {string.Join(", ", settings.Tags)}"
                + (merged.Signature is { } signature ? $"; signed: {signature} (a verification summary per manifest under .att)" : string.Empty)).ConfigureAwait(false);
            foreach (var problem in merged.Verification.Problems)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(problem).ConfigureAwait(false);
            }

            GitHubOutputs.Write(("digest", merged.Digest), ("platforms", string.Join(",", merged.Verification.Platforms)), ("tags", string.Join('\n', settings.Tags)));
            GitHubOutputs.Summary(table);
            return merged.Verification.Ok ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return merge;
    }
}

using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Images;

/// <summary>Checks one platform's manifest: its config agrees with the index, its layers verify, and the program it runs is a binary for that platform.</summary>
internal static class PlatformImageVerifier
{
    public static async Task<ImagePlatformVerification> VerifyAsync(ImageContent content, OciDescriptor entry, byte[]? manifestBytes, string? path, bool programRequired, bool requireStatic, CancellationToken cancellationToken)
    {
        var platform = entry.Platform!;
        var prefix = $"image {content.Name} {platform}";
        var problems = new List<string>();
        long size = 0;
        try
        {
            var manifest = ImageManifest.Parse(manifestBytes ?? await content.ReadSmallAsync(entry, "manifest", manifest: true, cancellationToken).ConfigureAwait(false), $"{prefix}: manifest", entry.MediaType);
            size = manifest.Layers.Aggregate(Math.Max(manifest.Config.Size, 0), (sum, l) => l.Size < 0 || sum > long.MaxValue - l.Size ? long.MaxValue : sum + l.Size);
            var config = ImageConfig.Parse(await content.ReadSmallAsync(manifest.Config, "config", manifest: false, cancellationToken).ConfigureAwait(false), $"{prefix}: config");
            if (Platforms.Platform.TryParse(config.PlatformText, out var configPlatform, out _) && configPlatform != platform)
            {
                problems.Add($"{prefix}: the index says {platform} but the image config says {config.PlatformText}");
            }

            if (config.DiffIds.Count != manifest.Layers.Count)
            {
                throw new ContentVerificationException($"{prefix}: the config lists {config.DiffIds.Count} diff_ids for {manifest.Layers.Count} layers");
            }

            var program = path ?? config.Program;
            var finder = new LayerFileFinder(content, manifest.Layers, [.. config.DiffIds], prefix);
            if (program is null && !programRequired)
            {
                await finder.IndexAsync(cancellationToken).ConfigureAwait(false); // every layer read against its digests
                return new ImagePlatformVerification(platform, entry.Digest, null, null, problems) { Size = size };
            }

            if (program is null)
            {
                problems.Add($"{prefix}: no Entrypoint or Cmd names a program to check; pass the binary's path (--path)");
                return new ImagePlatformVerification(platform, entry.Digest, null, null, problems) { Size = size };
            }

            var tree = await finder.IndexAsync(cancellationToken).ConfigureAwait(false);
            var candidates = config.Candidates(program);
            if (candidates.Select(tree.Resolve).FirstOrDefault(c => c.Found) is not { } found)
            {
                var first = tree.Resolve(candidates[0]);
                problems.Add(Internal.LogText.Escape($"{prefix}: {program} is not in the image ("
                    + (candidates.Count > 1 ? $"searched PATH {string.Join(":", config.Path)}" : $"{candidates[0]}: {first.Problem}") + ")")); // the image's strings, on one line
                return new ImagePlatformVerification(platform, entry.Digest, null, null, problems) { Size = size };
            }

            await using var binary = await finder.OpenAsync(found, cancellationToken).ConfigureAwait(false);
            var report = BinaryInspector.Inspect($"{content.Name}[{platform}]:{found.Path}", binary);
            var verification = BinaryVerifier.Verify(report, platform, requireStatic);
            problems.AddRange(verification.Problems);
            if (report.Interpreter is { } interpreter && !tree.Resolve(interpreter).Found)
            {
                problems.Add($"{prefix}: {Internal.LogText.Escape(found.Path)} needs the dynamic loader {Internal.LogText.Escape(interpreter)}, which the image does not have (it would fail with 'no such file or directory'); build it static or use a base image with that libc");
            }

            return new ImagePlatformVerification(platform, entry.Digest, found.Path, verification, problems) { Size = size };
        }
        catch (ContentVerificationException e)
        {
            problems.Add(e.Message);
            return new ImagePlatformVerification(platform, entry.Digest, null, null, problems) { Size = size };
        }
    }
}

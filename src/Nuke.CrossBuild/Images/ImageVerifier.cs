using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Images;

/// <summary>
/// Verifies a multi-platform image: the index holds exactly the expected platforms, and in every platform's layers the
/// program the container runs (or a given path) is a binary for that platform. Catches the right-arch manifest holding
/// a wrong-arch binary. Every blob is checked against its digest and size before anything read from it is used.
/// </summary>
public static class ImageVerifier
{
    private const int MaxIndexDepth = 4, MaxEntries = 1024;

    /// <summary>Verifies an image from a source.</summary>
    /// <param name="source">The registry, layout or tarball.</param>
    /// <param name="expected">The platforms the index must hold, or null to accept what it holds.</param>
    /// <param name="path">The file to check in each platform, or null for the entrypoint (else the command).</param>
    /// <param name="requireStatic">Whether the binary must be statically linked.</param>
    /// <param name="limits">The read limits, or null for <see cref="ImageReadLimits.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome; content that does not match its digest is a problem of its platform.</returns>
    /// <exception cref="CrossBuildException">The image cannot be read, its index is malformed, or the pinned digest does not match (one-line reason).</exception>
    public static Task<ImageVerification> VerifyAsync(IImageSource source, IReadOnlyList<Platform>? expected, string? path = null, bool requireStatic = false, ImageReadLimits? limits = null, CancellationToken cancellationToken = default)
        => VerifyAsync(source, expected, _ => path, programRequired: true, requireStatic, limits, cancellationToken);

    // Each platform's program path may differ (a binary named per platform); without a required program (a base image),
    // a platform with no Entrypoint or Cmd still has its config and every layer read and checked.
    internal static Task<ImageVerification> VerifyAsync(
        IImageSource source, IReadOnlyList<Platform>? expected, Func<Platform, string?> path, bool programRequired, bool requireStatic, ImageReadLimits? limits, CancellationToken cancellationToken)
        => VerifyAsync(source, expected, path, programRequired, requireStatic, limits, null, cancellationToken);

    // With a record, a platform manifest that passed under the same checks before is not read again (its pass is
    // reused, marked Recorded); every new pass is recorded. The index and the platform set are always read and checked.
    internal static async Task<ImageVerification> VerifyAsync(
        IImageSource source, IReadOnlyList<Platform>? expected, Func<Platform, string?> path, bool programRequired, bool requireStatic, ImageReadLimits? limits, Verification.VerdictRecord? record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var content = new ImageContent(source, limits ?? ImageReadLimits.Default);
        var name = source.Name;
        var problems = new List<string>();
        var (entries, single) = await ReadEntriesAsync(content, cancellationToken).ConfigureAwait(false);
        var images = entries.Where(e => !e.IsAttestation).ToList();
        var listed = images.Select(e => e.PlatformText ?? "unknown").ToList();
        if (images.Count == 0)
        {
            problems.Add(entries.Count == 0
                ? $"image {name} has an empty index: no platform to run"
                : $"image {name} holds no runnable image manifest, only {entries.Count} attestation manifest(s)");
        }

        foreach (var unknown in images.Where(e => e.Platform is null))
        {
            problems.Add($"image {name} lists platform '{unknown.PlatformText ?? "(none)"}' that crossbuild does not know");
        }

        foreach (var duplicate in images.Where(e => e.Platform is not null).GroupBy(e => e.Platform).Where(g => g.Count() > 1))
        {
            problems.Add($"image {name} lists {duplicate.Key} {duplicate.Count()} times");
        }

        if (expected is not null)
        {
            var present = images.Select(e => e.Platform).OfType<Platform>().ToHashSet();
            var missing = expected.Where(p => !present.Contains(p)).ToList();
            var extra = present.Where(p => !expected.Contains(p)).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                problems.Add($"image {name} does not hold the expected platforms: expected {string.Join(", ", expected)}, got {string.Join(", ", listed)}"
                    + (missing.Count > 0 ? $" (missing {string.Join(", ", missing)})" : string.Empty) + (extra.Count > 0 ? $" (unexpected {string.Join(", ", extra)})" : string.Empty));
            }
        }

        var results = new List<ImagePlatformVerification>();
        foreach (var entry in images.Where(e => e.Platform is not null))
        {
            var program = path(entry.Platform!);
            var result = (record is null ? null : PlatformVerdicts.Read(record, entry, source.GetType().Name, program, programRequired, requireStatic))
                ?? await PlatformImageVerifier.VerifyAsync(content, entry, single, program, programRequired, requireStatic, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                PlatformVerdicts.Write(record, entry, source.GetType().Name, result, program, programRequired, requireStatic);
            }

            problems.AddRange(result.Problems);
            results.Add(result);
        }

        return new ImageVerification
        {
            Image = name,
            Platforms = listed,
            Attestations = [.. entries.Where(e => e.IsAttestation).Select(e => e.Digest)],
            Entries = results,
            Problems = problems,
        };
    }

    // The index entries, nested indexes flattened, or a stand-in entry for a single-platform manifest (with its bytes).
    internal static async Task<(List<OciDescriptor> Entries, byte[]? Single)> ReadEntriesAsync(ImageContent content, CancellationToken cancellationToken)
    {
        var root = await content.ReadRootAsync(cancellationToken).ConfigureAwait(false);
        var what = $"{content.Name}: the top manifest";
        if (ImageManifest.LooksLikeManifest(root.Content, what, root.MediaType))
        {
            var manifest = ImageManifest.Parse(root.Content, what);
            var config = ImageConfig.Parse(await content.ReadSmallAsync(manifest.Config, "config", manifest: false, cancellationToken).ConfigureAwait(false), $"{content.Name}: config");
            var digest = root.Pin?.Of(root.Content) ?? OciDigest.Sha256(root.Content);
            var mediaType = ImageManifest.DeclaredMediaType(root.Content) ?? (MediaTypes.IsManifest(root.MediaType) ? root.MediaType : MediaTypes.OciManifest);
            return ([new OciDescriptor { MediaType = mediaType, Digest = digest.ToString(), Size = root.Content.Length, PlatformText = config.PlatformText }], root.Content);
        }

        var entries = new List<OciDescriptor>();
        await FlattenAsync(content, ImageManifest.ParseIndex(root.Content, what), entries, 0, cancellationToken).ConfigureAwait(false);
        return (entries, null);
    }

    private static async Task FlattenAsync(ImageContent content, IReadOnlyList<OciDescriptor> list, List<OciDescriptor> into, int depth, CancellationToken cancellationToken)
    {
        foreach (var entry in list)
        {
            if (into.Count >= MaxEntries)
            {
                throw new ContentVerificationException($"{content.Name}: the index lists more than {MaxEntries} manifests");
            }

            if (!MediaTypes.IsIndex(entry.MediaType))
            {
                into.Add(entry);
                continue;
            }

            if (depth >= MaxIndexDepth)
            {
                throw new ContentVerificationException($"{content.Name}: indexes nested deeper than {MaxIndexDepth}");
            }

            var nested = await content.ReadSmallAsync(entry, "index", manifest: true, cancellationToken).ConfigureAwait(false);
            await FlattenAsync(content, ImageManifest.ParseIndex(nested, $"{content.Name}: index {entry.Digest}"), into, depth + 1, cancellationToken).ConfigureAwait(false);
        }
    }
}

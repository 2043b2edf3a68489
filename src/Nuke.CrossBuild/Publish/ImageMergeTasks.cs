using System.Security.Cryptography;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Tooling;

namespace Nuke.CrossBuild.Publish;

/// <summary>
/// Ends a split build: <c>docker buildx imagetools create</c> merges the per-platform digests into one index under
/// every tag, then the index the registry serves is verified (platform set, each platform's binary).
/// </summary>
public static class ImageMergeTasks
{
    /// <summary>Reads digests from a directory: each file holds one (<c>sha256:…</c>), or is empty and named by the hex digest (docker's documented pattern).</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The digests, sorted.</returns>
    /// <exception cref="InputException">The directory is missing, empty, or a file does not hold a sha256 digest.</exception>
    public static IReadOnlyList<string> ReadDigests(string directory)
    {
        if (!Directory.Exists(directory) || Directory.GetFiles(directory) is not { Length: > 0 } files)
        {
            throw new InputException($"no digests in {directory}: expected one file per platform written by 'crossbuild image build --digest-file'");
        }

        return [.. files.Select(f =>
        {
            var text = File.ReadAllText(f).Trim();
            var digest = text.Length == 0 ? "sha256:" + Path.GetFileName(f) : text;
            return digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71 && digest[7..].All(char.IsAsciiHexDigitLower)
                ? digest
                : throw new InputException($"{f}: expected a sha256 digest (sha256:<64 hex>), got '{(digest.Length > 80 ? digest[..80] : digest)}'");
        }).Order(StringComparer.Ordinal)];
    }

    /// <summary>Merges, tags and verifies with configured settings.</summary>
    /// <param name="repository">The repository the digests were pushed to (<see cref="ImageMergeSettings.Repository"/>, the one setting without a default).</param>
    /// <param name="configure">Configures the settings.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The index digest and its verification.</returns>
    public static Task<ImageMergeResult> RunAsync(string repository, Configure<ImageMergeSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(configure(new ImageMergeSettings { Repository = repository }), cancellationToken);
    }

    /// <summary>Merges, tags and verifies.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The index digest and its verification.</returns>
    /// <exception cref="CrossBuildException">No digest or tag was given, imagetools failed, or the index cannot be read.</exception>
    public static async Task<ImageMergeResult> RunAsync(ImageMergeSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Digests.Count == 0 || settings.Tags.Count == 0)
        {
            throw new InputException($"nothing to merge: expected digests and at least one tag, got {settings.Digests.Count} digests and {settings.Tags.Count} tags");
        }

        PushedImageSigner.Check(settings.SignKey); // a key that cannot sign fails before anything is merged
        var create = new ImagetoolsCreateSettings().SetTags([.. settings.Tags]).SetSources([.. settings.Digests.Select(d => $"{settings.Repository}@{d}")]);
        create = settings.Annotations.Aggregate(create, (c, a) => c.AddAnnotation("index:" + a.Key, a.Value));
        await BuildxTasks.ImagetoolsCreateAsync(create, cancellationToken).ConfigureAwait(false);
        var first = Registry.ImageReference.Parse(settings.Tags[0]);
        using var source = await ImageSources.OpenAsync(first.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var (mediaType, content) = await source.GetRootAsync(cancellationToken).ConfigureAwait(false);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

        // Signing verifies (and signs) the index pinned to the digest of what the tag served, not the tag again: it could move meanwhile.
        var pinned = first with { Tag = null, Digest = digest };
        using var pinnedSource = settings.SignKey is null ? null : await ImageSources.OpenAsync(pinned.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var expected = settings.Platforms.IsAsBuilt ? null : settings.Platforms.Expand();
        var verification = await ImageVerifier.VerifyAsync(pinnedSource ?? source, expected, settings.BinaryPath, settings.RequireStatic, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (settings.Annotations.Count > 0 && (mediaType == MediaTypes.DockerManifestList || content.AsSpan().IndexOf("\"annotations\""u8) < 0))
        {
            verification = verification with
            {
                Problems = [.. verification.Problems, $"{settings.Tags[0]}: the index lost its annotations ({mediaType}); push the platforms with OCI media types (oci-mediatypes=true), as 'crossbuild image build --push-by-digest' does"],
            };
        }

        var signature = settings.SignKey is { } key && verification.Ok
            ? await PushedImageSigner.SignAsync(pinned, verification, Policy(expected, verification, settings), key, insecure: false, cancellationToken).ConfigureAwait(false)
            : null;
        return new ImageMergeResult(digest, verification) { Signature = signature };
    }

    private static Signing.VerificationPolicy Policy(IReadOnlyList<Platforms.Platform>? expected, ImageVerification verification, ImageMergeSettings settings)
        => PushedImageSigner.Policy(expected ?? [.. verification.Entries.Select(e => e.Platform).OfType<Platforms.Platform>()], settings.RequireStatic, settings.BinaryPath);
}

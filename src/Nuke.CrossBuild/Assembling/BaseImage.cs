using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Assembling;

/// <summary>
/// Resolves a base image (an OCI layout, an OCI tarball or a registry reference) per platform and copies its layers
/// into the layout being assembled, every byte checked against its digest on the way (the reads of the image verifier).
/// </summary>
internal static class BaseImage
{
    // blobs: the layout's blobs/sha256 directory; a layer of another algorithm goes next to it.
    public static async Task<IReadOnlyDictionary<Platform, BasePlatform>> ResolveAsync(string reference, IReadOnlyList<Platform> platforms, bool insecure, string blobs, CancellationToken cancellationToken)
    {
        using var source = await ImageSources.OpenAsync(reference, insecure, cancellationToken: cancellationToken).ConfigureAwait(false);
        var content = new ImageContent(source, ImageReadLimits.Default);
        var (entries, single) = await ImageVerifier.ReadEntriesAsync(content, cancellationToken).ConfigureAwait(false);
        var images = entries.Where(e => !e.IsAttestation).ToList();
        var result = new Dictionary<Platform, BasePlatform>();
        foreach (var platform in platforms)
        {
            var entry = images.FirstOrDefault(e => e.Platform == platform)
                ?? throw new ImageSourceException($"the base {reference} has no {platform}: expected it among {string.Join(", ", images.Select(e => e.PlatformText ?? "?"))}; build the base for it or leave the platform out");
            var manifestBytes = single ?? await content.ReadSmallAsync(entry, "manifest", manifest: true, cancellationToken).ConfigureAwait(false);
            var manifest = ImageManifest.Parse(manifestBytes, $"{source.Name}: manifest {entry.Digest}", entry.MediaType);
            var config = ImageConfig.Parse(await content.ReadSmallAsync(manifest.Config, "config", manifest: false, cancellationToken).ConfigureAwait(false), $"{source.Name}: config");
            if (config.DiffIds.Count != manifest.Layers.Count)
            {
                throw new ContentVerificationException($"{source.Name}: {platform}'s config lists {config.DiffIds.Count} diff_ids for {manifest.Layers.Count} layers");
            }

            var layers = new List<OciDescriptor>();
            foreach (var layer in manifest.Layers)
            {
                await CopyAsync(content, layer, blobs, cancellationToken).ConfigureAwait(false);
                layers.Add(new OciDescriptor { MediaType = OciMediaType(layer.MediaType, source.Name), Digest = layer.Digest, Size = layer.Size });
            }

            result[platform] = new BasePlatform(entry.Digest, layers, config);
        }

        return result;
    }

    // Docker's gzip layer type is OCI's under another name (image-spec media-types.md); anything not a plain, gzip or
    // zstd tar (a foreign layer, say) cannot be carried into an image that must be complete.
    private static string OciMediaType(string mediaType, string name) => mediaType switch
    {
        "application/vnd.docker.image.rootfs.diff.tar.gzip" or MediaTypes.OciLayerGzip => MediaTypes.OciLayerGzip,
        "application/vnd.oci.image.layer.v1.tar" or "application/vnd.oci.image.layer.v1.tar+zstd" => mediaType,
        _ => throw new ImageSourceException($"{name}: a base layer of type {mediaType} cannot be carried over; expected a tar, tar+gzip or tar+zstd layer"),
    };

    private static async Task CopyAsync(ImageContent content, OciDescriptor layer, string blobs, CancellationToken cancellationToken)
    {
        // Under the digest's own algorithm (blobs/sha512/… for a sha512 layer), where every layout reader looks for it.
        var digest = OciDigest.Parse(layer.Digest);
        var directory = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(blobs))!, digest.Algorithm);
        var target = Path.Combine(directory, digest.Encoded);
        if (File.Exists(target))
        {
            return; // the same digest was copied (and checked) for another platform
        }

        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".base-{Guid.NewGuid():n}");
        try
        {
            await using (var verifying = await content.OpenBlobAsync(layer, "base layer", cancellationToken).ConfigureAwait(false))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await verifying.CopyToAsync(file, cancellationToken).ConfigureAwait(false); // the digest and size are checked at the end
                await verifying.DrainAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

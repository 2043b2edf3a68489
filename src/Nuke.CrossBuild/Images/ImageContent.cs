using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Streams;
namespace Nuke.CrossBuild.Images;

/// <summary>
/// Every read of an image goes through here: descriptors are checked (digest algorithm, size against the limit) before
/// a byte is read, small blobs are read whole and hashed, large ones come wrapped in a <see cref="VerifyingStream"/>,
/// and a pinned root must hash to its pin. Nothing derived from content is trusted before its digest matched.
/// </summary>
internal sealed class ImageContent(IImageSource source, ImageReadLimits limits)
{
    public string Name => source.Name;

    public ImageReadLimits Limits => limits;

    public async Task<ImageRoot> ReadRootAsync(CancellationToken cancellationToken)
    {
        var root = await source.GetRootAsync(cancellationToken).ConfigureAwait(false);
        if (root.Content.LongLength > limits.MaxManifestBytes)
        {
            throw new ContentVerificationException($"{Name}: the top manifest is {root.Content.LongLength} bytes, more than the {limits.MaxManifestBytes}-byte limit");
        }

        if (root.Pin is { } pin && pin.Of(root.Content) is var actual && actual != pin)
        {
            throw new ContentVerificationException($"{Name}: the registry answered the pinned reference with other content: expected {pin}, got {actual}");
        }

        return root;
    }

    /// <summary>Reads a manifest, index or config whole, checked against its descriptor.</summary>
    public async Task<byte[]> ReadSmallAsync(OciDescriptor descriptor, string kind, bool manifest, CancellationToken cancellationToken)
    {
        var what = Describe(descriptor, kind, limits.MaxManifestBytes, out var digest);
        var raw = manifest ? await source.OpenManifestAsync(descriptor, cancellationToken).ConfigureAwait(false) : await source.OpenBlobAsync(descriptor, cancellationToken).ConfigureAwait(false);
        await using var verifying = new VerifyingStream(raw, digest, descriptor.Size, what);
        var bytes = new byte[descriptor.Size];
        var read = 0;
        while (read < bytes.Length)
        {
            read += await verifying.ReadAsync(bytes.AsMemory(read), cancellationToken).ConfigureAwait(false);
        }

        await verifying.DrainAsync(cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <summary>Opens a blob (a layer) for streaming; read it to the end for the size and digest to be checked.</summary>
    public async Task<VerifyingStream> OpenBlobAsync(OciDescriptor descriptor, string kind, CancellationToken cancellationToken)
    {
        var what = Describe(descriptor, kind, limits.MaxLayerBytes, out var digest);
        var raw = await source.OpenBlobAsync(descriptor, cancellationToken).ConfigureAwait(false);
        return new VerifyingStream(raw, digest, descriptor.Size, what);
    }

    // Checks a descriptor before anything is read and names it for messages: "<image>: layer 2 of 3 sha256:…".
    private string Describe(OciDescriptor descriptor, string kind, long max, out OciDigest digest)
    {
        if (!OciDigest.TryParse(descriptor.Digest, out var parsed, out var error))
        {
            throw new ContentVerificationException($"{Name}: {kind}: {error}");
        }

        digest = parsed;
        var what = $"{Name}: {kind} {parsed}";
        return descriptor.Size switch
        {
            < 0 => throw new ContentVerificationException($"{what} has no valid size in its descriptor"),
            var size when size > max => throw new ContentVerificationException($"{what} declares {size} bytes, more than the {max}-byte limit for a {kind.Split(' ')[0]}"),
            _ => what,
        };
    }
}

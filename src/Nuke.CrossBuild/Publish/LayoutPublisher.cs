using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Publish;

/// <summary>
/// Publishes an assembled OCI layout to a registry: blobs go up (a base's layers mounted from its repository when it
/// lives in the same registry), what the registry then serves under the index digest is verified again, and only then
/// are the tags set.
/// </summary>
internal static class LayoutPublisher
{
    // A base pulled from the registry the image goes to: its layers are mounted from the base's repository, not sent again.
    public static Dictionary<string, string> MountSources(string? baseImage, ImageReference target, IReadOnlyDictionary<Platform, BasePlatform>? bases)
    {
        var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (baseImage is null || bases is null || OciLayoutSource.IsLayout(baseImage) || File.Exists(baseImage) || Directory.Exists(baseImage))
        {
            return mounts;
        }

        var from = ImageReference.Parse(baseImage);
        if (from.Registry != target.Registry || from.Repository == target.Repository)
        {
            return mounts;
        }

        foreach (var layer in bases.Values.SelectMany(b => b.Layers))
        {
            mounts[layer.Digest] = from.Repository;
        }

        return mounts;
    }

    public static async Task<(int Uploaded, int Mounted, string? Signature)> PushAsync(
        ImageAssemblySettings settings, ImageReference target, string layout, IReadOnlyList<OciDescriptor> blobs, IReadOnlyList<OciDescriptor> manifests,
        IReadOnlyList<Platform> platforms, Dictionary<Platform, string?> programs, Dictionary<string, string> mounts, CancellationToken cancellationToken)
    {
        var limits = ImageReadLimits.Default;
        var credentials = await RegistryCredentials.FindAsync(target.Registry, helperTimeout: limits.CredentialHelperTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var client = new RegistryClient(target, credentials, settings.Insecure, limits, handler: null);
        var pusher = new LayoutPusher(client, layout, mounts, settings.ChunkSize);
        var sent = await pusher.PushContentAsync(blobs, manifests, cancellationToken).ConfigureAwait(false);

        // What the registry serves under the digest must be what was verified here, byte for byte, before any tag points at it.
        var served = target with { Tag = null, Digest = manifests[^1].Digest };
        ImageVerification verification;
        using (var source = new RegistrySource(served, credentials, settings.Insecure, limits: limits))
        {
            try
            {
                verification = await ImageVerifier.VerifyAsync(source, platforms, p => programs[p], !settings.BaseOnly, settings.RequireStatic, limits, cancellationToken).ConfigureAwait(false);
            }
            catch (CrossBuildException e) when (e is not VerificationException)
            {
                throw new RegistryException($"{e.Message}; nothing was tagged: the registry does not serve {served} as pushed", served.Registry, e);
            }

            if (!verification.Ok)
            {
                throw new VerificationException([.. verification.Problems, $"nothing was tagged: {served} as the registry serves it failed verification"]);
            }
        }

        string? signature = null;
        if (settings.SignKey is { } keyPath)
        {
            using var key = Signing.SigningKey.Load(keyPath);
            var policy = new Signing.VerificationPolicy([.. platforms.Select(p => p.ToString())], settings.RequireStatic, null);
            signature = PushedImageSigner.SignatureTag(await ImageSigning.PushAsync(client, target, manifests[^1].Digest, verification, policy, key, settings.ChunkSize, cancellationToken).ConfigureAwait(false));
        }

        await pusher.TagAsync(manifests[^1], [.. new[] { target.Tag ?? "latest" }.Concat(settings.ExtraTags).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        return (sent.Uploaded, sent.Mounted, signature);
    }
}

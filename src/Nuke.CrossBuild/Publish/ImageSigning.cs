using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Signing;

namespace Nuke.CrossBuild.Publish;

/// <summary>
/// Signs a pushed image where cosign looks, through the same registry client and pusher as the image: the index's
/// simple-signing signature under <c>sha256-&lt;hex&gt;.sig</c>, and a SLSA Verification Summary in a DSSE envelope
/// under <c>sha256-&lt;hex&gt;.att</c> for the index and for each platform manifest. Called only with a verification of
/// what the registry serves under the index digest that passed.
/// </summary>
internal static class ImageSigning
{
    /// <summary>Pushes the signature and attestations; returns the tags written.</summary>
    public static async Task<IReadOnlyList<string>> PushAsync(
        RegistryClient client, ImageReference target, string indexDigest, ImageVerification verification, VerificationPolicy policy, ISigner signer, long chunkSize, CancellationToken cancellationToken)
    {
        if (!verification.Ok)
        {
            throw new SignatureException($"{target.Registry}/{target.Repository}@{indexDigest}: expected a verified image to sign, got {verification.Problems.Count} problems; nothing was signed");
        }

        var repository = $"{target.Registry}/{target.Repository}";
        var directory = Internal.RunTemp.CreateDirectory("sign");
        try
        {
            var time = DateTimeOffset.UtcNow;
            var artifacts = new List<Artifact>
            {
                SignatureArtifacts.Signature(directory, signer, repository, indexDigest),
                SignatureArtifacts.Attestation(directory, signer, repository, indexDigest, VerificationSummary.ForIndex(verification, $"{repository}@{indexDigest}", policy, time)),
            };
            foreach (var (digest, summary) in VerificationSummary.ForPlatforms(verification, repository, policy, time))
            {
                artifacts.Add(SignatureArtifacts.Attestation(directory, signer, repository, digest, summary));
            }

            var pusher = new LayoutPusher(client, directory, new Dictionary<string, string>(), chunkSize);
            var blobs = artifacts.SelectMany(a => a.Blobs).Select(b => new OciDescriptor { MediaType = b.MediaType, Size = b.Size, Digest = b.Digest }).ToList();
            var manifests = artifacts.Select(Manifest).ToList();
            await pusher.PushContentAsync(blobs, manifests, cancellationToken).ConfigureAwait(false);
            foreach (var (artifact, manifest) in artifacts.Zip(manifests))
            {
                await pusher.TagAsync(manifest, [artifact.Tag], cancellationToken).ConfigureAwait(false);
            }

            return [.. artifacts.Select(a => a.Tag)];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static OciDescriptor Manifest(Artifact artifact)
        => new() { MediaType = SignatureArtifacts.ManifestMediaType, Size = artifact.ManifestSize, Digest = artifact.ManifestDigest };
}

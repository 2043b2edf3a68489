using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Signing;

namespace Nuke.CrossBuild.Publish;

/// <summary>
/// Signs a pushed image where cosign looks, through the same registry client and pusher as the image: the index's
/// simple-signing signature under <c>sha256-&lt;hex&gt;.sig</c>, and a SLSA Verification Summary in a DSSE envelope
/// under <c>sha256-&lt;hex&gt;.att</c> for the index and for each platform manifest. Each of these manifests names the
/// digest it is about as its OCI 1.1 <c>subject</c>: a registry that keeps referrers (it answers the PUT with
/// <c>OCI-Subject</c>) lists them itself; for any other, the subject's referrers tag schema index
/// (<c>sha256-&lt;hex&gt;</c>, see <see cref="ReferrersFallback"/>) gets them. Called only with a verification of what
/// the registry serves under the index digest that passed.
/// </summary>
internal static class ImageSigning
{
    /// <summary>Pushes the signature and attestations; returns the tags written (the .sig/.att tags, then any referrers fallback tags).</summary>
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
            var artifacts = await ArtifactsAsync(client, directory, repository, indexDigest, verification, policy, signer, cancellationToken).ConfigureAwait(false);
            var pusher = new LayoutPusher(client, directory, new Dictionary<string, string>(), chunkSize);
            var blobs = artifacts.SelectMany(a => a.Blobs).Select(b => new OciDescriptor { MediaType = b.MediaType, Size = b.Size, Digest = b.Digest }).ToList();
            var manifests = artifacts.Select(Manifest).ToList();
            await pusher.PushContentAsync(blobs, manifests, cancellationToken).ConfigureAwait(false);
            foreach (var (artifact, manifest) in artifacts.Zip(manifests))
            {
                await pusher.TagAsync(manifest, [artifact.Tag], cancellationToken).ConfigureAwait(false);
            }

            var tags = artifacts.Select(a => a.Tag).ToList();
            foreach (var about in artifacts.GroupBy(a => a.Referrer.Subject.Digest, StringComparer.Ordinal))
            {
                // Every PUT answered with OCI-Subject naming this subject: the registry lists the referrers itself.
                if (!about.All(a => pusher.AcknowledgedSubject(a.ManifestDigest) == about.Key))
                {
                    tags.Add(await ReferrersFallback.UpdateAsync(client, pusher, directory, about.Key, [.. about], cancellationToken).ConfigureAwait(false));
                }
            }

            return tags;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // The signature of the index, and a summary for the index and each platform manifest, each naming its subject as the registry serves it.
    private static async Task<List<Artifact>> ArtifactsAsync(
        RegistryClient client, string directory, string repository, string indexDigest, ImageVerification verification, VerificationPolicy policy, ISigner signer, CancellationToken cancellationToken)
    {
        var time = DateTimeOffset.UtcNow;
        var limit = ImageReadLimits.Default.MaxManifestBytes;
        var index = await ReferrersFallback.SubjectAsync(client, indexDigest, limit, cancellationToken).ConfigureAwait(false);
        var artifacts = new List<Artifact>
        {
            SignatureArtifacts.Signature(directory, signer, repository, index),
            SignatureArtifacts.Attestation(directory, signer, repository, index, VerificationSummary.ForIndex(verification, $"{repository}@{indexDigest}", policy, time)),
        };
        foreach (var (digest, summary) in VerificationSummary.ForPlatforms(verification, repository, policy, time))
        {
            var subject = await ReferrersFallback.SubjectAsync(client, digest, limit, cancellationToken).ConfigureAwait(false);
            artifacts.Add(SignatureArtifacts.Attestation(directory, signer, repository, subject, summary));
        }

        return artifacts;
    }

    private static OciDescriptor Manifest(Artifact artifact)
        => new() { MediaType = SignatureArtifacts.ManifestMediaType, Size = artifact.ManifestSize, Digest = artifact.ManifestDigest };
}

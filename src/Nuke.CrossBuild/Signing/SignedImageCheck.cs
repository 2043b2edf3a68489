using System.Text.Json.Nodes;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Registry;

namespace Nuke.CrossBuild.Signing;

/// <summary>What <c>crossbuild image verify --key</c> established about a registry image's signature and summaries.</summary>
/// <param name="Image">The image as resolved: repository and index digest.</param>
/// <param name="IndexDigest">The digest the reference resolved to (hashed here, never taken from a header).</param>
/// <param name="PlatformDigests">The platform manifests' digests the index lists (attestation entries left out).</param>
/// <param name="Summaries">How many verification summaries (index and platforms) checked out.</param>
internal sealed record SignedImage(string Image, string IndexDigest, IReadOnlyList<string> PlatformDigests, int Summaries)
{
    /// <summary>Gets the docker-reference the signature's payload names.</summary>
    public string SignedReference { get; init; } = string.Empty;

    /// <summary>Gets the summaries that checked out (the predicates), by the digest they are about: the index first, then each platform.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<JsonObject>>> Attestations { get; init; } = [];
}

// Resolves a registry reference to its digest, then checks the signature and the summaries against that digest.
internal static class SignedImageCheck
{
    public static async Task<SignedImage> VerifyAsync(string target, VerificationKey key, bool insecure, bool requireAttestation, ImageReadLimits limits, IReadOnlyList<Platform>? expected, bool requireStatic, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(target);
        var credentials = await RegistryCredentials.FindAsync(reference.Registry, helperTimeout: limits.CredentialHelperTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        ImageRoot root;
        using (var source = new RegistrySource(reference, credentials, insecure, limits: limits))
        {
            root = await source.GetRootAsync(cancellationToken).ConfigureAwait(false);
        }

        var digest = OciDigest.Sha256(root.Content).ToString();
        if (root.Pin is { } pin && pin.ToString() != digest)
        {
            throw new SignatureException($"{reference}: expected the manifest of {pin}, got one of {digest}");
        }

        var platforms = MediaTypes.IsIndex(root.MediaType)
            ? ImageManifest.ParseIndex(root.Content, reference.ToString()).Where(d => !d.IsAttestation).Select(d => d.Digest).ToList()
            : [];
        var verifier = new ImageSignatureVerifier(reference, credentials, insecure, key, limits);
        var signedReference = await verifier.SignatureAsync(digest, cancellationToken).ConfigureAwait(false);
        var index = await verifier.SummaryAsync(digest, requireAttestation, cancellationToken).ConfigureAwait(false);
        var attestations = new List<KeyValuePair<string, IReadOnlyList<JsonObject>>> { new(digest, index) };
        // Every summary of the index must cover the request: they are not signed as a set, so any one could be served alone.
        foreach (var predicate in requireAttestation ? index : [])
        {
            if (Covers(predicate, expected, requireStatic) is { } problem)
            {
                throw new SignatureException($"{reference.Registry}/{reference.Repository}@{digest}'s attestation: {problem}");
            }
        }

        foreach (var platform in platforms)
        {
            attestations.Add(new(platform, await verifier.SummaryAsync(platform, requireAttestation, cancellationToken).ConfigureAwait(false)));
        }

        return new SignedImage($"{reference.Registry}/{reference.Repository}", digest, platforms, attestations.Count(a => a.Value.Count > 0))
        {
            SignedReference = signedReference, Attestations = attestations,
        };
    }

    // Whether the index's summary covers what the caller asks for (exactly the platforms, static linking); null when it does.
    internal static string? Covers(JsonObject predicate, IReadOnlyList<Platform>? expected, bool requireStatic)
    {
        if ((predicate["crossbuild"] as JsonObject)?["policy"] is not JsonObject policy)
        {
            return "expected crossbuild's verdicts (platforms, static) in the summary, got a summary without them";
        }

        var verified = (policy["platforms"] as JsonArray ?? []).Select(p => p is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToHashSet(StringComparer.Ordinal);
        var asked = expected?.Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        if (asked is not null && !verified.SetEquals(asked))
        {
            return $"expected exactly the platforms {string.Join(", ", asked)} verified, got a summary of {string.Join(", ", verified)}";
        }

        var wasStatic = policy["static"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
        return requireStatic && !wasStatic ? "expected a summary that required static linking, got one that did not" : null;
    }
}

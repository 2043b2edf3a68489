using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Signing;

namespace Nuke.CrossBuild.Publish;

/// <summary>
/// Signs an image that buildx pushed or imagetools merged (<c>image build --push</c>, the bake, <c>image merge</c>, the
/// NUKE component), through <see cref="ImageSigning.PushAsync"/>: only with a passed verification of exactly the pinned
/// reference <c>repository@digest</c> that is signed, never of a tag that could have moved since.
/// </summary>
internal static class PushedImageSigner
{
    /// <summary>Loads the key once before any work: a key that cannot sign fails fast, with one line.</summary>
    /// <exception cref="SignatureException">Not a P-256 private key in a form this project reads.</exception>
    public static void Check(string? keyPath)
    {
        if (keyPath is not null)
        {
            SigningKey.Load(keyPath).Dispose();
        }
    }

    /// <summary>The reference to verify and then sign: the repository pinned to the digest the push reported.</summary>
    /// <exception cref="SignatureException">No digest was reported: nothing can be signed.</exception>
    public static ImageReference Pin(string repository, string? digest, string what)
        => digest is not null
            ? ImageReference.Parse($"{repository}@{digest}")
            : throw new SignatureException($"{repository}: expected the digest {what} reported for the pushed image, got none; nothing was signed");

    /// <summary>Verifies what the registry serves under <paramref name="pinned"/> and, only if that passed, signs it.</summary>
    /// <returns>The verification (signed when it passed) and the signature's tag, or null when nothing was signed.</returns>
    public static async Task<(ImageVerification Verification, string? Signature)> VerifyAndSignAsync(
        ImageReference pinned, IReadOnlyList<Platform>? platforms, string? binaryPath, bool requireStatic, string keyPath, bool insecure, CancellationToken cancellationToken)
    {
        using var source = await ImageSources.OpenAsync(pinned.ToString(), insecure, cancellationToken: cancellationToken).ConfigureAwait(false);
        var verification = await ImageVerifier.VerifyAsync(source, platforms, binaryPath, requireStatic, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!verification.Ok)
        {
            return (verification, null);
        }

        var policy = Policy(platforms ?? [.. verification.Entries.Select(e => e.Platform).OfType<Platform>()], requireStatic, binaryPath);
        return (verification, await SignAsync(pinned, verification, policy, keyPath, insecure, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The policy the summaries carry: the platforms required, static linking and the binary's path.</summary>
    public static VerificationPolicy Policy(IEnumerable<Platform> platforms, bool requireStatic, string? binaryPath)
        => new([.. platforms.Select(p => p.ToString())], requireStatic, binaryPath);

    /// <summary>Signs <paramref name="pinned"/>, given the passed verification of exactly that reference.</summary>
    /// <returns>The signature's tag (<c>sha256-&lt;hex&gt;.sig</c>).</returns>
    /// <exception cref="SignatureException">The reference is not pinned, or the verification is of another image or did not pass; nothing was signed.</exception>
    public static async Task<string> SignAsync(ImageReference pinned, ImageVerification verification, VerificationPolicy policy, string keyPath, bool insecure, CancellationToken cancellationToken)
    {
        if (pinned.Digest is not { } digest || pinned.Tag is not null)
        {
            throw new SignatureException($"expected an image pinned by digest alone to sign, got {pinned}; nothing was signed");
        }

        if (verification.Image != pinned.ToString())
        {
            throw new SignatureException($"{pinned}: expected the verification of exactly this digest, got one of {verification.Image}; nothing was signed");
        }

        using var key = SigningKey.Load(keyPath);
        var limits = ImageReadLimits.Default;
        var credentials = await RegistryCredentials.FindAsync(pinned.Registry, helperTimeout: limits.CredentialHelperTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var client = new RegistryClient(pinned, credentials, insecure, limits, handler: null);
        var tags = await ImageSigning.PushAsync(client, pinned, digest, verification, policy, key, ImageAssemblySettings.DefaultChunkSize, cancellationToken).ConfigureAwait(false);
        return SignatureTag(tags);
    }

    /// <summary>The signature's tag among the tags <see cref="ImageSigning.PushAsync"/> wrote.</summary>
    public static string SignatureTag(IReadOnlyList<string> tags)
        => tags.FirstOrDefault(t => t.EndsWith(".sig", StringComparison.Ordinal)) ?? throw new SignatureException($"expected a .sig tag among the signing tags, got {string.Join(", ", tags)}");
}

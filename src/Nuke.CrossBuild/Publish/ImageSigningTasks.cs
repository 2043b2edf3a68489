using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Publish;

/// <summary>
/// Signs an image something else pushed (a build script's own <c>buildx build --push</c>, the NUKE component): what the
/// registry serves under the pinned digest is verified first, and only that digest is signed, never a tag.
/// </summary>
public static class ImageSigningTasks
{
    /// <summary>Loads the key, so that a key that cannot sign fails before any build work.</summary>
    /// <param name="signKey">An ECDSA P-256 PKCS#8 PEM private key file.</param>
    /// <exception cref="Signing.SignatureException">Not a P-256 private key in a form this project reads.</exception>
    public static void CheckKey(string signKey)
    {
        ArgumentNullException.ThrowIfNull(signKey);
        PushedImageSigner.Check(signKey);
    }

    /// <summary>Verifies what the registry serves under <paramref name="image"/> and, only if it passed, signs that digest.</summary>
    /// <param name="image">The pushed image pinned by digest alone, <c>registry/repository@sha256:…</c> (the digest the push reported).</param>
    /// <param name="platforms">The platforms the index must hold exactly, or null to accept what it holds.</param>
    /// <param name="requireStatic">Whether each platform's binary must be static.</param>
    /// <param name="signKey">An ECDSA P-256 PKCS#8 PEM private key file.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The signature's tag, <c>sha256-&lt;hex&gt;.sig</c> (a verification summary per manifest goes under <c>.att</c>).</returns>
    /// <exception cref="InputException">The reference is not pinned by a digest alone.</exception>
    /// <exception cref="VerificationException">The image failed verification; nothing was signed.</exception>
    public static async Task<string> VerifyAndSignAsync(string image, IReadOnlyList<Platform>? platforms, bool requireStatic, string signKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(signKey);
        var pinned = ImageReference.Parse(image);
        if (pinned.Digest is null || pinned.Tag is not null)
        {
            throw new InputException($"expected an image pinned by digest alone (repository@sha256:...), got {image}; nothing was signed");
        }

        var (verification, signature) = await PushedImageSigner.VerifyAndSignAsync(pinned, platforms, null, requireStatic, signKey, insecure: false, cancellationToken).ConfigureAwait(false);
        return signature ?? throw new VerificationException([.. verification.Problems, $"nothing was signed: {pinned} failed verification"]);
    }
}

using System.Diagnostics.Contracts;
using static Nuke.CrossBuild.Internal.Guard;

namespace Nuke.CrossBuild.Publish;

/// <summary>Fluent, copy-returning setters for <see cref="ImageMergeSettings"/>, in NUKE's vocabulary.</summary>
public static class ImageMergeSettingsExtensions
{
    /// <summary>Returns a copy with more digests.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="digests">The digests.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImageMergeSettings AddDigests(this ImageMergeSettings settings, params string[] digests)
        => Required(settings) with { Digests = [.. settings.Digests, .. digests] };

    /// <summary>Returns a copy with more tags.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="tags">Full references.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImageMergeSettings AddTags(this ImageMergeSettings settings, params string[] tags)
        => Required(settings) with { Tags = [.. settings.Tags, .. tags] };

    /// <summary>Returns a copy that signs the merged index after it verified: cosign's signature and SLSA Verification Summaries, where <c>cosign verify</c> looks.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="path">An ECDSA P-256 PKCS#8 PEM private key file.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImageMergeSettings SetSignKey(this ImageMergeSettings settings, string path)
        => Required(settings) with { SignKey = path };

    /// <summary>Returns a copy that does not sign.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImageMergeSettings ResetSignKey(this ImageMergeSettings settings)
        => Required(settings) with { SignKey = null };
}

namespace Nuke.CrossBuild.Images;

/// <summary>Opens an image from what the user names: an OCI layout directory, an OCI tarball, or a registry reference.</summary>
public static class ImageSources
{
    /// <summary>Opens an image.</summary>
    /// <param name="target">A directory with <c>index.json</c>, a <c>.tar</c> file, or an image reference.</param>
    /// <param name="insecure">Whether a non-loopback registry may be reached over plain HTTP.</param>
    /// <param name="getVariable">Reads environment variables (credentials), or null for the process environment.</param>
    /// <param name="limits">The read limits, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels a credential helper.</param>
    /// <returns>The source; dispose it.</returns>
    /// <exception cref="CrossBuildException">The target is none of those.</exception>
    public static async Task<IImageSource> OpenAsync(string target, bool insecure = false, Func<string, string?>? getVariable = null, ImageReadLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        limits ??= ImageReadLimits.Default;
        if (OciLayoutSource.IsLayout(target))
        {
            return new OciLayoutSource(target, limits: limits);
        }

        if (File.Exists(target) || Internal.UnixFile.KindOf(target, followLinks: true) is not (Internal.FileKind.Missing or Internal.FileKind.Directory))
        {
            return new OciArchiveSource(target, limits);
        }

        if (Directory.Exists(target))
        {
            throw new CrossBuildException($"{target} is a directory but not an OCI layout (no index.json)");
        }

        var reference = ImageReference.Parse(target);
        var credentials = await RegistryCredentials.FindAsync(reference.Registry, getVariable, limits.CredentialHelperTimeout, cancellationToken).ConfigureAwait(false);
        return new RegistrySource(reference, credentials, insecure, limits: limits);
    }
}

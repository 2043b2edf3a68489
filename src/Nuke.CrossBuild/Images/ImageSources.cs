namespace Nuke.CrossBuild.Images;

/// <summary>Opens an image from what the user names: an OCI layout directory, an OCI tarball, or a registry reference.</summary>
public static class ImageSources
{
    /// <summary>Opens an image.</summary>
    /// <param name="target">A directory with <c>index.json</c>, a <c>.tar</c> file, or an image reference.</param>
    /// <param name="insecure">Whether a non-loopback registry may be reached over plain HTTP.</param>
    /// <param name="getVariable">Reads environment variables (credentials), or null for the process environment.</param>
    /// <returns>The source; dispose it.</returns>
    /// <exception cref="CrossBuildException">The target is none of those.</exception>
    public static async Task<IImageSource> OpenAsync(string target, bool insecure = false, Func<string, string?>? getVariable = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (OciLayoutSource.IsLayout(target))
        {
            return new OciLayoutSource(target);
        }

        if (File.Exists(target))
        {
            return new OciArchiveSource(target);
        }

        if (Directory.Exists(target))
        {
            throw new CrossBuildException($"{target} is a directory but not an OCI layout (no index.json)");
        }

        var reference = ImageReference.Parse(target);
        var credentials = await RegistryCredentials.FindAsync(reference.Registry, getVariable).ConfigureAwait(false);
        return new RegistrySource(reference, credentials, insecure);
    }
}

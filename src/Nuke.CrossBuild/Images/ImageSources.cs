using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;
namespace Nuke.CrossBuild.Images;

/// <summary>
/// Opens an image from what the user names: an OCI layout directory, an OCI tarball, or a registry reference. An
/// argument that looks like a path is a path: when nothing is there it is an error, never a Docker Hub image (a missing
/// <c>bases/glibc</c> must not become <c>docker.io/bases/glibc</c>, whose owner would then supply the layers).
/// </summary>
public static class ImageSources
{
    /// <summary>Opens an image.</summary>
    /// <param name="target">
    /// A directory with <c>index.json</c>, a <c>.tar</c> file, or an image reference. A reference is taken as one when
    /// it names its registry (<c>ghcr.io/o/r</c>, <c>127.0.0.1:5000/app:1</c>, <c>localhost/app</c>,
    /// <c>docker.io/team/app</c>) or plainly is no path: one name (<c>alpine:3.20</c>), or a tag or digest
    /// (<c>team/app:1</c>). Anything else (<c>./x</c>, <c>/x</c>, <c>x.tar</c>, <c>bases/glibc</c>, or under an existing
    /// directory) is a path. A host with a dot that is not a known registry (<c>out.d/glibc</c>) is both: with nothing
    /// there it is an error unless a tag or digest makes it a reference (<c>out.d/glibc:latest</c>).
    /// </param>
    /// <param name="insecure">Whether a non-loopback registry may be reached over plain HTTP.</param>
    /// <param name="getVariable">Reads environment variables (credentials), or null for the process environment.</param>
    /// <param name="limits">The read limits, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels a credential helper.</param>
    /// <returns>The source; dispose it.</returns>
    /// <exception cref="ImageSourceException">The target is none of those, or a path with nothing there.</exception>
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
            throw new ImageSourceException($"{target} is a directory but not an OCI layout (no index.json)");
        }

        if (IsPath(target))
        {
            var name = target.TrimStart('.', '/', '~');
            throw new ImageSourceException($"expected an OCI layout or archive at {target}, found nothing; for a registry image write docker.io/{name} or host/{name}");
        }

        if (IsAmbiguous(target))
        {
            var text = target.Trim();
            throw new ImageSourceException($"expected an OCI layout or archive at {text}, found nothing; for a path write ./{text}, for a registry image name its tag or digest ({text}:latest)");
        }

        var reference = ImageReference.Parse(target);
        var credentials = await RegistryCredentials.FindAsync(reference.Registry, getVariable, limits.CredentialHelperTimeout, cancellationToken).ConfigureAwait(false);
        return new RegistrySource(reference, credentials, insecure, limits: limits);
    }

    /// <summary>Whether a target that exists nowhere is meant as a local path rather than a registry reference.</summary>
    internal static bool IsPath(string target)
    {
        var text = target.Trim();
        if (text is "." or ".." || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal)
            || text.StartsWith('/') || text.StartsWith('~') || text.Contains('\\', StringComparison.Ordinal)
            || text.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false; // one name: an official image (docker.io/library/…), which only Docker publishes
        }

        var first = text[..slash];
        if (Directory.Exists(first))
        {
            return true; // under a directory that is here: a path with a missing end
        }

        var explicitHost = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
        return !explicitHost && !IsTaggedOrPinned(text);
    }

    /// <summary>
    /// Whether a missing target that is no path (see <see cref="IsPath"/>) could still be one: its first folder has a dot
    /// (<c>out.d/glibc</c>, <c>artifacts.v2/bases/glibc</c>, <c>dist.dev/app</c>), so it reads as a registry host too, and
    /// nothing else says which is meant. A host is taken as one when it has a port, is <c>localhost</c> or an IP address,
    /// or is a known public registry; any other dotted host needs a tag or digest to be a registry reference.
    /// </summary>
    internal static bool IsAmbiguous(string target)
    {
        var text = target.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || IsTaggedOrPinned(text))
        {
            return false;
        }

        var host = text[..slash].ToLowerInvariant();
        return host.Contains('.', StringComparison.Ordinal) && !host.Contains(':', StringComparison.Ordinal) && !KnownRegistries.IsKnown(host)
            && !(System.Net.IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && host.Count(c => c == '.') == 3);
    }

    private static bool IsTaggedOrPinned(string text)
    {
        var lastSegment = text[(text.LastIndexOf('/') + 1)..];
        return lastSegment.Contains(':', StringComparison.Ordinal) || lastSegment.Contains('@', StringComparison.Ordinal);
    }
}

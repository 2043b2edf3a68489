namespace Nuke.CrossBuild.Images;

/// <summary>
/// Public registries whose names cannot be mistaken for a local folder: an untagged <c>ghcr.io/o/r</c> goes there, while
/// an untagged <c>out.d/glibc</c> with nothing at that path is an error (see <see cref="ImageSources.IsAmbiguous"/>).
/// </summary>
internal static class KnownRegistries
{
    private static readonly string[] Hosts =
    [
        "docker.io", "index.docker.io", "registry-1.docker.io", "ghcr.io", "quay.io", "gcr.io", "mcr.microsoft.com",
        "public.ecr.aws", "registry.gitlab.com", "registry.k8s.io", "nvcr.io", "cgr.dev", "docker.pkg.github.com",
    ];

    // Per-tenant or per-region hosts: us.gcr.io, europe-docker.pkg.dev, team.azurecr.io, 1234.dkr.ecr.eu-west-1.amazonaws.com.
    private static readonly string[] Suffixes = [".gcr.io", ".pkg.dev", ".azurecr.io", ".amazonaws.com", ".ocir.io"];

    /// <summary>Whether a lower-case host (no port) is a known public registry.</summary>
    public static bool IsKnown(string host)
        => Hosts.Contains(host, StringComparer.Ordinal) || Suffixes.Any(suffix => host.EndsWith(suffix, StringComparison.Ordinal) && host.Length > suffix.Length);
}

using Nuke.CrossBuild.Images;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// What an image argument means when nothing is at it: a path stays a path (a one-line error), and only an explicit
/// or plainly-not-a-path reference goes to a registry, so a missing <c>bases/glibc</c> never becomes Docker Hub's.
/// </summary>
public sealed class ImageSourcePathSpecs
{
    [Theory]
    [InlineData("crossbuild-missing-bases/glibc")]
    [InlineData("./crossbuild-missing/layout")]
    [InlineData("../crossbuild-missing/layout")]
    [InlineData("/crossbuild-missing/layout")]
    [InlineData("~/crossbuild-missing")]
    [InlineData("crossbuild-missing-oci.tar")]
    [InlineData("crossbuild-missing.tar.gz")]
    [InlineData("crossbuild-missing.tgz")]
    public async Task A_missing_path_is_one_line_and_never_a_registry_image(string target)
    {
        var error = await Assert.ThrowsAsync<ImageSourceException>(() => ImageSources.OpenAsync(target, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith($"expected an OCI layout or archive at {target}, found nothing; for a registry image write docker.io/", error.Message, StringComparison.Ordinal);
    }

    // Review B5: a first folder with a dot (out.d, artifacts.v2, dist.dev) became a registry host, so a missing build
    // output went to the network, to whoever owns that name. Untagged, such a host is only a host when it is a known
    // registry; otherwise the user says which one is meant.
    [Theory]
    [InlineData("crossbuild-missing-out.d/glibc")]
    [InlineData("crossbuild-missing-artifacts.v2/bases/glibc")]
    [InlineData("crossbuild-missing-dist.dev/glibc")]
    public async Task A_missing_path_under_a_dotted_folder_is_one_line_and_never_a_registry_host(string target)
    {
        var error = await Assert.ThrowsAsync<ImageSourceException>(() => ImageSources.OpenAsync(target, getVariable: _ => null, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(
            $"expected an OCI layout or archive at {target}, found nothing; for a path write ./{target}, for a registry image name its tag or digest ({target}:latest)",
            error.Message);
    }

    [Theory]
    [InlineData("crossbuild-missing-out.d/glibc:latest", "crossbuild-missing-out.d/glibc:latest")]
    [InlineData("crossbuild-missing-out.d/glibc@sha256:0000000000000000000000000000000000000000000000000000000000000000", "crossbuild-missing-out.d/glibc@sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("quay.io/team/app", "quay.io/team/app:latest")]
    [InlineData("europe-docker.pkg.dev/p/r/app", "europe-docker.pkg.dev/p/r/app:latest")]
    [InlineData("registry.example.com:443/app", "registry.example.com:443/app:latest")]
    [InlineData("10.0.0.7/app", "10.0.0.7/app:latest")]
    public async Task A_dotted_host_is_a_registry_when_it_is_known_has_a_port_or_an_address_or_the_reference_names_a_tag(string target, string expected)
    {
        using var source = await ImageSources.OpenAsync(target, getVariable: _ => null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(expected, source.Name);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/x:y", "127.0.0.1:5000/x:y")]
    [InlineData("ghcr.io/a/b", "ghcr.io/a/b:latest")]
    [InlineData("localhost/app", "localhost/app:latest")]
    [InlineData("alpine:3.20", "docker.io/library/alpine:3.20")]
    [InlineData("alpine", "docker.io/library/alpine:latest")]
    [InlineData("docker.io/bases/glibc", "docker.io/bases/glibc:latest")]
    [InlineData("team/app:1", "docker.io/team/app:1")]
    public async Task An_explicit_or_plainly_remote_reference_still_opens_a_registry(string target, string expected)
    {
        using var source = await ImageSources.OpenAsync(target, getVariable: _ => null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(expected, source.Name);
    }
}

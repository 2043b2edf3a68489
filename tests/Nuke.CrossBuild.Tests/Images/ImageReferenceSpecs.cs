using Nuke.CrossBuild.Registry;

namespace Nuke.CrossBuild.Tests.Images;

public sealed class ImageReferenceSpecs
{
    [Theory]
    [InlineData("alpine", "docker.io", "library/alpine", "latest", null)]
    [InlineData("127.0.0.1:5000/app:1.0", "127.0.0.1:5000", "app", "1.0", null)]
    [InlineData("localhost/team/app", "localhost", "team/app", "latest", null)]
    [InlineData("ghcr.io/org/app:v2", "ghcr.io", "org/app", "v2", null)]
    [InlineData("user/app:x", "docker.io", "user/app", "x", null)]
    [InlineData("alpine:3.20", "docker.io", "library/alpine", "3.20", null)] // a tag, not a host:port (was read as a registry "alpine:3")
    [InlineData("localhost:5000/app", "localhost:5000", "app", "latest", null)]
    [InlineData("my-registry.example.com:443/a/b/c:t", "my-registry.example.com:443", "a/b/c", "t", null)]
    [InlineData("ghcr.io/o/a@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ghcr.io", "o/a", null, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void I_can_parse_an_image_reference(string text, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal((registry, repository, tag, digest), (reference.Registry, reference.Repository, reference.Tag, reference.Digest));
    }

    [Theory]
    [InlineData("UPPER/case")]
    [InlineData("app:")]
    [InlineData("app:1:2")]
    [InlineData("host:port/app")]
    [InlineData("a@sha256:123")]
    [InlineData("")]
    public void I_cannot_parse_an_invalid_reference(string text)
    {
        var error = Assert.Throws<InputException>(() => ImageReference.Parse(text));

        Assert.StartsWith($"invalid image reference '{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loopback_registries_are_recognized()
    {
        Assert.True(ImageReference.Parse("127.0.0.1:5000/a").IsLoopback);
        Assert.True(ImageReference.Parse("localhost:5000/a").IsLoopback);
        Assert.False(ImageReference.Parse("ghcr.io/a/b").IsLoopback);
    }
}

using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>
/// Which of a base's layers the publisher asks the registry to mount instead of sending them again: only a base pulled
/// from the same registry, from another repository (fast, no server). Written for the Push mutation group.
/// </summary>
public sealed class LayoutPublisherMountSpecs : IDisposable
{
    private static readonly string A = "sha256:" + new string('a', 64);
    private static readonly string B = "sha256:" + new string('b', 64);
    private static readonly string C = "sha256:" + new string('c', 64);
    private static readonly ImageReference Target = ImageReference.Parse("registry.example.com/team/app:1");
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static BasePlatform Base(params string[] layers)
        => new("sha256:" + new string('f', 64), [.. layers.Select(d => new OciDescriptor { MediaType = "application/vnd.oci.image.layer.v1.tar+gzip", Digest = d, Size = 1 })],
            new ImageConfig { PlatformText = "linux/amd64" });

    private static Dictionary<Platform, BasePlatform> Bases => new() { [Platform.LinuxAmd64] = Base(A, B), [Platform.LinuxArm64] = Base(B, C) };

    [Fact]
    public void Every_layer_of_a_base_on_the_same_registry_is_mounted_from_its_repository()
    {
        var mounts = LayoutPublisher.MountSources("registry.example.com/library/base:1", Target, Bases);

        Assert.Equal(new Dictionary<string, string> { [A] = "library/base", [B] = "library/base", [C] = "library/base" }, mounts);
    }

    [Theory]
    [InlineData("other.example.com/library/base:1")]
    [InlineData("registry.example.com/team/app:0")]
    public void A_base_on_another_registry_or_in_the_target_repository_mounts_nothing(string baseImage)
        => Assert.Empty(LayoutPublisher.MountSources(baseImage, Target, Bases));

    [Fact]
    public void No_base_no_base_platforms_or_a_local_base_mounts_nothing()
    {
        var file = dir.Write("base.tar", "x");
        var layout = dir.Write("layout/index.json", "{}");

        Assert.Empty(LayoutPublisher.MountSources(null, Target, Bases));
        Assert.Empty(LayoutPublisher.MountSources("registry.example.com/library/base:1", Target, null));
        Assert.Empty(LayoutPublisher.MountSources(file, Target, Bases));
        Assert.Empty(LayoutPublisher.MountSources(Path.GetDirectoryName(layout)!, Target, Bases));
        Assert.Empty(LayoutPublisher.MountSources(dir.Path, Target, Bases));
    }
}

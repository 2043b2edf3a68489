using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Pipelines;

/// <summary>
/// The bake targets one run makes from its images (the image's name, <c>name-oci</c> for its layout, the <c>default</c>
/// group) never collide: a collision is refused with one line before anything is read or built.
/// </summary>
public sealed class ImageBakeNameSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    // No Dockerfile exists: a run that gets past the name check fails on reading it, never builds.
    private ImagePipelineSettings Image(string name) => new ImagePipelineSettings { Context = dir.Combine(name), Repository = $"localhost:5000/{name}", Tag = "t" }
        .SetPlatforms("linux/amd64").EnablePush().SetOciLayout(dir.Combine("oci", name));

    [Fact]
    public async Task An_image_named_like_another_images_layout_target_is_refused()
    {
        // The attack: image "a" (pushed, with a layout) bakes targets "a" and "a-oci"; an image named "a-oci" replaced the
        // layout target, so a's layout was never written (a stale a.tar would be unpacked and verified as a) and a's
        // step timings took in a-oci's.
        var settings = new ImageBakeSettings().AddImage("a", Image("a")).AddImage("a-oci", Image("a-oci"));

        var e = await Assert.ThrowsAsync<SettingsException>(() => ImageBakeTasks.RunAsync(settings, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("bake image name 'a-oci' is also image 'a''s layout target: expected names that do not end in another image's name and '-oci'", e.Message);
    }

    [Fact]
    public async Task An_image_named_default_is_refused()
    {
        var settings = new ImageBakeSettings().AddImage("default", Image("default"));

        var e = await Assert.ThrowsAsync<SettingsException>(() => ImageBakeTasks.RunAsync(settings, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("bake image name 'default' is bake's group of every target: expected another name", e.Message);
    }

    [Fact]
    public async Task Two_images_given_one_name_directly_are_refused()
    {
        var settings = new ImageBakeSettings { Images = [new("a", Image("a")), new("a", Image("b"))] };

        var e = await Assert.ThrowsAsync<SettingsException>(() => ImageBakeTasks.RunAsync(settings, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("bake image name 'a' is given twice: expected one image per name", e.Message);
    }

    [Fact]
    public async Task Two_images_writing_one_layout_are_refused()
    {
        // Both targets would write the same tarball: one image's layout would be verified and published as the other's.
        var settings = new ImageBakeSettings().AddImage("a", Image("a")).AddImage("b", Image("b").SetOciLayout(dir.Combine("oci", "a")));

        var e = await Assert.ThrowsAsync<SettingsException>(() => ImageBakeTasks.RunAsync(settings, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith("bake images 'a' and 'b' write one OCI layout", e.Message, StringComparison.Ordinal);
    }
}

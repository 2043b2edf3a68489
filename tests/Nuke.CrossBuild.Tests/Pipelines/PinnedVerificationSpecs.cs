using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Pipelines;

namespace Nuke.CrossBuild.Tests.Pipelines;

/// <summary>A pushed image is read back pinned to the digest buildx reported, as its smoke run is: never by its tag.</summary>
public sealed class PinnedVerificationSpecs
{
    private static readonly string Digest = "sha256:" + new string('a', 64);

    private static PipelineBuilds Built(string image, string? digest)
        => new(image, digest is null ? null : BuildxMetadata.Parse($"{{\"containerimage.digest\":\"{digest}\"}}"), false, 1, new Dictionary<string, double>());

    [Fact]
    public void A_pushed_image_is_verified_by_the_reported_digest_not_by_its_tag()
    {
        // The attack: the tag moves (another push) between the push and the read-back, so the pipeline verified (and
        // recorded) another image than the one it pushed and reports by digest.
        var settings = new ImagePipelineSettings { Repository = "localhost:5000/app", Tag = "t" }.EnablePush();

        Assert.Equal($"localhost:5000/app@{Digest}", ImagePipelineStages.VerifyTarget(settings, Built("localhost:5000/app:t", Digest)));
    }

    [Fact]
    public void Without_a_reported_digest_the_tag_is_read_and_a_layout_is_read_from_its_directory()
    {
        var pushed = new ImagePipelineSettings { Repository = "localhost:5000/app", Tag = "t" }.EnablePush();
        var layout = new ImagePipelineSettings { Repository = "app", Tag = "t" }.SetOciLayout("/out/app");

        Assert.Equal("localhost:5000/app:t", ImagePipelineStages.VerifyTarget(pushed, Built("localhost:5000/app:t", null)));
        Assert.Equal("/out/app", ImagePipelineStages.VerifyTarget(layout, Built("app:t", null)));
    }

    [Fact]
    public void A_push_by_digest_is_verified_by_that_digest()
    {
        var settings = new ImagePipelineSettings { Repository = "localhost:5000/app", Tag = "t" }.EnablePushByDigest();

        Assert.Equal($"localhost:5000/app@{Digest}", ImagePipelineStages.VerifyTarget(settings, Built($"localhost:5000/app@{Digest}", Digest)));
    }
}

using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Publish.Releases;
using Nuke.CrossBuild.Toolchains.Go;
using Nuke.CrossBuild.Workflows;

namespace Nuke.CrossBuild.Tests.Platforms;

/// <summary>One platform-spec value with one default each side of the matrix: producers build <c>common</c>, consumers take what was built.</summary>
public sealed class PlatformSelectionSpecs
{
    [Fact]
    public void Producers_default_to_the_common_preset_and_consumers_to_what_the_matrix_built()
    {
        Assert.Equal(PlatformSelection.Default, new GoBuildSettings().Platforms);
        Assert.Equal(PlatformSelection.Default, new ImagePipelineSettings().Platforms);
        Assert.Equal(PlatformSelection.Default, new WorkflowSettings().Platforms);
        Assert.Equal(["common"], PlatformSelection.Default);
        Assert.True(new ReleaseSettings().Platforms.IsAsBuilt);
        Assert.True(new ImageAssemblySettings().Platforms.IsAsBuilt);
        Assert.True(new ImageMergeSettings { Repository = "registry.example/app" }.Platforms.IsAsBuilt);
    }

    [Fact]
    public void A_collection_expression_a_fluent_setter_and_Of_make_the_same_selection()
    {
        PlatformSelection written = ["linux/amd64", "linux/arm/*"];

        Assert.Equal(written, PlatformSelection.Of(["linux/amd64", "linux/arm/*"]));
        Assert.Equal(written, new ReleaseSettings().SetPlatforms("linux/amd64", "linux/arm/*").Platforms);
        Assert.Equal(written, new GoBuildSettings().SetPlatforms("linux/amd64", "linux/arm/*").Platforms);
        Assert.Equal("linux/amd64,linux/arm/*", written.ToString());
    }

    [Fact]
    public void Expansion_is_the_one_of_platform_specs()
    {
        PlatformSelection selection = ["all,!linux/386", "darwin/arm64"];

        Assert.Equal(PlatformSelection.Of(["all,!linux/386", "darwin/arm64"]).Expand(), selection.Expand());
        Assert.Equal(PlatformSelection.Of(["common"]).Expand(), PlatformSelection.AsBuilt.ExpandOr(PlatformSelection.Default));
        Assert.Equal([Platform.LinuxArm64], PlatformSelection.Of(["linux/arm64"]).ExpandOr(PlatformSelection.Default));
    }

    [Fact]
    public void Blank_specs_mean_as_built_which_a_producer_cannot_expand()
    {
        var blank = PlatformSelection.Of(["", "  "]);

        var error = Assert.Throws<UnsupportedPlatformException>(() => blank.Expand());

        Assert.Same(PlatformSelection.AsBuilt, blank);
        Assert.Equal("(as built)", blank.ToString());
        Assert.Contains("expected at least one platform", error.Message, StringComparison.Ordinal);
    }
}

using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Pipelines;

namespace Nuke.CrossBuild.Tests.Pipelines;

/// <summary>The engine load rides on the layout's build as a second exporter; only an engine's refusal of it builds again without it.</summary>
public sealed class LoadFoldSpecs
{
    [Theory]
    [InlineData("ERROR: docker exporter does not currently support exporting manifest lists")]
    [InlineData("ERROR: multiple outputs currently unsupported")]
    [InlineData("ERROR: failed to solve: multiple exporters are not supported")]
    public void An_engine_refusing_the_load_next_to_the_layout_is_told_apart(string line)
        => Assert.True(LoadRefusal.Is(new ToolFailedException("docker buildx build", 1, ["#12 exporting to oci image format", line])));

    [Theory]
    [InlineData("ERROR: failed to solve: process \"/bin/sh -c go build -o /out/app .\" did not complete successfully: exit code: 1")]
    [InlineData("./main.go:9:2: undefined: fmt.Printn")]
    [InlineData("ERROR: failed to solve: 127.0.0.1:5000/crossbuild/golang:1.23: not found")]
    public void Any_other_failure_is_not_taken_for_a_refused_load_so_a_broken_build_never_runs_twice(string line)
        => Assert.False(LoadRefusal.Is(new ToolFailedException("docker buildx build", 1, [line])));

    [Fact]
    public void A_layout_that_is_also_loaded_is_one_bake_target_with_both_exporters_and_no_second_bake()
    {
        var (bake, loads) = ImageBakeStages.Plan([Image("app", load: true)], foldLoads: true);

        var target = Assert.Single(bake.Targets);
        Assert.Equal("app", target.Name);
        Assert.Equal(["docker", "oci"], target.Outputs.Select(o => o.Type).Order(StringComparer.Ordinal));
        Assert.Equal(["example/app:1"], target.Tags);
        Assert.Empty(loads.Targets);
    }

    [Fact]
    public void After_a_refused_load_the_layout_bakes_alone_and_the_load_gets_its_own_target()
    {
        var (bake, loads) = ImageBakeStages.Plan([Image("app", load: true)], foldLoads: false);

        Assert.Equal(["oci"], Assert.Single(bake.Targets).Outputs.Select(o => o.Type));
        var load = Assert.Single(loads.Targets);
        Assert.Equal("app-load", load.Name);
        Assert.Equal(["docker"], load.Outputs.Select(o => o.Type));
    }

    [Fact]
    public void A_layout_without_a_load_keeps_a_single_exporter()
    {
        var (bake, loads) = ImageBakeStages.Plan([Image("app", load: false)], foldLoads: true);

        Assert.Equal(["oci"], Assert.Single(bake.Targets).Outputs.Select(o => o.Type));
        Assert.Empty(loads.Targets);
    }

    private static BakeImage Image(string name, bool load)
    {
        var settings = new ImagePipelineSettings { Context = "/src/app", Repository = "example/app", Tag = "1" }.SetPlatforms("linux/amd64").SetOciLayout("/tmp/crossbuild-fold/layout");
        settings = load ? settings.EnableLoad() : settings;
        var plan = new PipelinePlan([], [], ["linux/amd64"], []);
        return new BakeImage(name, new PipelineRun(settings, _ => { }, CancellationToken.None), plan);
    }
}

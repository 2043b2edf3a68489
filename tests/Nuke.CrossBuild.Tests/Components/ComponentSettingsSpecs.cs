using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Components;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Toolchains.Go;

namespace Nuke.CrossBuild.Tests.Components;

/// <summary>The settings the components hand to the core: parameters through the sealed bases, then the overridable hooks.</summary>
public sealed class ComponentSettingsSpecs : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Root => Directory.CreateDirectory(temp.Combine("My-App")).FullName;

    [Fact]
    public void Without_parameters_the_plan_is_the_common_preset_and_the_image_is_named_after_the_root()
    {
        var build = new TestBuild(Root);
        var images = (IBuildImages)build;

        Assert.Equal(PlatformSelection.Of(["common"]).Expand(), ((IHazPlatforms)build).PlannedPlatforms);
        Assert.Equal("my-app", images.ImageRepository);
        Assert.Equal(
            $"buildx build --file {Root}/Dockerfile --platform linux/amd64,linux/arm64,linux/arm/v7 --tag my-app:latest --provenance=false --progress plain {Root}",
            string.Join(' ', BuildxArguments.Build(images.BuildImagesSettingsBase(new BuildxBuildSettings()))));
    }

    [Fact]
    public void Parameters_flow_into_the_go_build_settings()
    {
        var build = new TestBuild(Root, new Dictionary<string, object> { ["Platforms"] = new[] { "arm", "!linux/arm/v5" }, ["RequireStatic"] = true, ["GoModuleDirectory"] = "cmd" });

        var settings = ((ICrossCompileGo)build).CrossCompileGoSettingsBase(new GoBuildSettings());

        Assert.Equal(["arm", "!linux/arm/v5"], settings.Platforms);
        Assert.True(settings.Static);
        Assert.Equal(Path.Combine(Root, "cmd"), settings.WorkingDirectory);
        Assert.Equal(Path.Combine(Root, "artifacts", "bin", "{os}_{arch}[_{variant}]", "{name}[.exe]"), settings.Output);
        Assert.Equal(["linux/arm64", "linux/arm/v7", "linux/arm/v6"], ((IHazPlatforms)build).PlannedPlatforms.Select(p => p.ToString()));
        Assert.Equal(Path.Combine(Root, "artifacts", "bin", "linux_arm_v6"), ((IVerifyBinaries)build).BinaryDirectory(Platform.Parse("linux/arm/v6")));
    }

    [Fact]
    public void An_absolute_dockerfile_and_module_directory_are_taken_as_given_and_relative_ones_under_the_root()
    {
        // NUKE's AbsolutePath refuses root / "/abs" ("Second path must not be rooted"); the contract does the same.
        var outside = Directory.CreateDirectory(temp.Combine("elsewhere")).FullName;
        var absolute = new TestBuild(Root, new Dictionary<string, object> { ["Dockerfile"] = Path.Combine(outside, "Dockerfile.prod"), ["GoModuleDirectory"] = outside });
        var relative = new TestBuild(Root, new Dictionary<string, object> { ["Dockerfile"] = "build/Dockerfile", ["GoModuleDirectory"] = "cmd/app" });

        Assert.Equal(Path.Combine(outside, "Dockerfile.prod"), ((IBuildImages)absolute).BuildImagesSettingsBase(new BuildxBuildSettings()).File);
        Assert.Equal(outside, ((ICrossCompileGo)absolute).CrossCompileGoSettingsBase(new GoBuildSettings()).WorkingDirectory);
        Assert.Equal(Path.Combine(Root, "build", "Dockerfile"), ((IBuildImages)relative).BuildImagesSettingsBase(new BuildxBuildSettings()).File);
        Assert.Equal(Path.Combine(Root, "cmd", "app"), ((ICrossCompileGo)relative).CrossCompileGoSettingsBase(new GoBuildSettings()).WorkingDirectory);
        Assert.Throws<ArgumentException>(() => (Nuke.Common.IO.AbsolutePath)Root / outside);
    }

    [Fact]
    public void The_release_target_verifies_first_needs_a_tag_and_releases_the_planned_platforms()
    {
        var build = new TestBuild(Root, new Dictionary<string, object> { ["Platforms"] = new[] { "linux/arm64", "linux/arm/v6" }, ["ReleaseTag"] = "v2.0.0", ["ReleaseRepository"] = "acme/shop" });
        var release = (IReleaseBinaries)build;

        var settings = release.ReleaseBinariesSettingsBase(new Nuke.CrossBuild.Publish.Releases.ReleaseSettings());
        var target = TargetRecorder.Record(build, release.ReleaseBinaries);

        Assert.Equal(("acme/shop", "v2.0.0", "2.0.0"), (settings.Repository, settings.Tag, settings.Version));
        Assert.Equal(["linux/arm64", "linux/arm/v6"], settings.Platforms);
        Assert.Equal(Path.Combine(Root, "artifacts", "release"), settings.OutputDirectory);
        Assert.Equal([((IVerifyBinaries)build).VerifyBinaries], target.Dependencies);
        Assert.Equal(["ReleaseTag"], target.Requirements);
    }

    [Fact]
    public void The_build_hook_applies_after_the_base_and_the_push_builds_on_both()
    {
        var build = new TestBuild(Root, new Dictionary<string, object> { ["Platforms"] = new[] { "linux/arm64" }, ["Registry"] = "127.0.0.1:5000", ["ImageTag"] = "1.2.3" })
        {
            BuildHook = _ => _.AddBuildArg("GO_IMAGE", "golang:1.23").SetProgress("quiet"),
        };
        var publish = (IPublishImages)build;

        var pushed = publish.PublishImagesSettingsBase(new BuildxBuildSettings());

        Assert.Equal("127.0.0.1:5000/my-app:1.2.3", publish.PublishedImage);
        Assert.Equal(
            $"buildx build --file {Root}/Dockerfile --platform linux/arm64 --tag 127.0.0.1:5000/my-app:1.2.3 --build-arg GO_IMAGE=golang:1.23 --push --provenance=false --progress quiet {Root}",
            string.Join(' ', BuildxArguments.Build(pushed)));
    }

    [Fact]
    public void The_plan_hook_can_add_axes_and_pin_the_host()
    {
        var build = new PlanHookBuild(Root);

        var plan = ((IHazPlatforms)build).PlatformPlan;

        Assert.Equal(4, plan.Count);
        Assert.All(plan, e => Assert.Equal(BuildMode.Cross, e.Mode));
    }

    private sealed class PlanHookBuild(string root) : TestBuild(root, new Dictionary<string, object> { ["Platforms"] = new[] { "linux/arm64", "linux/s390x" } }), IHazPlatforms
    {
        Nuke.Common.Tooling.Configure<MatrixSettings> IHazPlatforms.PlanSettings => _ => _.AddAxis("libc", "gnu", "musl").SetHost(BuildHost.Assume(Platform.LinuxAmd64));
    }
}

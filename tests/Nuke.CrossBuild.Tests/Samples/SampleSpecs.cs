using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Samples;

/// <summary>
/// The five articles' pipelines, driven from C# through the image pipeline on the real engine: built with buildx from
/// the local base images, pushed to the local registry and written as an OCI layout, verified, and run per platform.
/// </summary>
public sealed class SampleSpecs : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly List<string> log = [];

    public void Dispose() => dir.Dispose();

    private async Task<PipelineResult> RunAsync(string sample, string platforms, string runtime, string dockerfile = "Dockerfile", bool requireStatic = true, bool cgo = false)
    {
        await Requires.BaseImagesAsync();
        var settings = new ImagePipelineSettings
        {
            Context = RepoPaths.Sample(sample),
            File = Path.Combine(RepoPaths.Sample(sample), dockerfile),
            Repository = $"{Requires.Registry}/samples/{sample}",
            Tag = Guid.NewGuid().ToString("n"),
            RequireStatic = requireStatic,
            StopOnDoctorErrors = false,
            Pull = true,
        }.SetPlatforms(platforms).AddBuildArg("GO_IMAGE", $"{Requires.Registry}/crossbuild/golang:1.23").EnablePush().SetOciLayout(dir.Combine("layout")).SetSmokeArguments();
        if (runtime != "scratch")
        {
            settings = settings.AddBuildArg("RUNTIME_IMAGE", $"{Requires.Registry}/crossbuild/{runtime}");
        }

        if (cgo)
        {
            settings = settings.AddBuildContext("crossbuild", await CrossbuildTool.DirectoryAsync());
        }

        var result = await ImagePipelineTasks.RunAsync(settings, line => { lock (log) { log.Add(line); } }, TestContext.Current.CancellationToken);
        using var layout = await ImageSources.OpenAsync(dir.Combine("layout"), cancellationToken: TestContext.Current.CancellationToken);
        var fromLayout = await ImageVerifier.VerifyAsync(layout, PlatformSelection.Of([platforms]).Expand(), requireStatic: requireStatic, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(fromLayout.Ok || !result.Succeeded, "the OCI layout does not verify: " + string.Join("\n", fromLayout.Problems));
        return result;
    }

    private string Tail() => string.Join("\n", log.TakeLast(25));

    private static void RanAsItsPlatform(PipelineResult result, string suffix = "")
    {
        Assert.All(result.Plan.Select(e => e.Platform.ToString()).Distinct(), p => Assert.StartsWith($"hello from {p}{suffix}", result.Smoke[p], StringComparison.Ordinal));
    }

    [Fact(Timeout = 1_200_000)]
    public async Task Sample1_a_cross_compiled_build_stage_with_cache_mounts_makes_one_index_for_four_platforms()
    {
        var result = await RunAsync("01-cross-compile", "linux/amd64,linux/arm64,linux/arm/v7,linux/s390x", "static:12");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems) + "\n" + Tail());
        Assert.All(result.Plan, e => Assert.NotEqual(BuildMode.Emulated, e.Mode));
        Assert.DoesNotContain(result.Emulators, a => a.Action != "kept");
        Assert.StartsWith("sha256:", result.Digest, StringComparison.Ordinal);
        RanAsItsPlatform(result);
    }

    [Fact(Timeout = 1_200_000)]
    public async Task Sample2_arm_v6_and_arm_v7_both_get_their_own_goarm_on_an_alpine_style_base()
    {
        var result = await RunAsync("02-armv6-armv7", "linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6", "musl:1.2");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems) + "\n" + Tail());
        var arm = result.Verification!.Entries.ToDictionary(e => e.Platform!.ToString(), e => e.Binary!.Report.ArmLevel);
        Assert.Equal((6, 7), (arm["linux/arm/v6"], arm["linux/arm/v7"]));
        RanAsItsPlatform(result);
    }

    [Fact(Timeout = 1_200_000)]
    public async Task Sample3_six_platforms_on_scratch_pass_and_the_articles_targetplatform_bug_is_caught_twice()
    {
        const string six = "linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6,linux/ppc64le,linux/s390x";

        var good = await RunAsync("03-scratch-six-platforms", six, "scratch");
        var buggy = await RunAsync("03-scratch-six-platforms", six, "scratch", "Dockerfile.buggy");

        Assert.True(good.Succeeded, string.Join("\n", good.Problems) + "\n" + Tail());
        RanAsItsPlatform(good);
        Assert.Contains(buggy.Findings, f => f.Rule == "goarch-from-targetplatform");
        Assert.Contains(buggy.Problems, p => p.Contains("[linux/arm/v6]:/app needs ARMv7 but linux/arm/v6 guarantees only ARMv6", StringComparison.Ordinal));
    }

    [Fact(Timeout = 1_200_000)]
    public async Task Sample4_cgo_with_the_target_toolchain_is_static_and_verified_inside_and_outside_the_build()
    {
        var result = await RunAsync("04-cgo-static", "linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6,linux/riscv64", "scratch", cgo: true);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems) + "\n" + Tail());
        Assert.All(result.Verification!.Entries, e => Assert.Equal(true, e.Binary!.Report.IsStatic));
        Assert.All(result.Verification.Entries, e => Assert.Equal("osusergo,netgo", e.Binary!.Report.Go!.Setting("-tags")));
        Assert.Contains(log, l => l.Contains("verify --static /out/app", StringComparison.Ordinal));
        RanAsItsPlatform(result, ", cgo says 42");
    }

    [Theory(Timeout = 1_200_000)]
    [InlineData("Dockerfile.static", "static:12", true, "none (CGO_ENABLED=0)", null)]
    [InlineData("Dockerfile.glibc", "glibc:12", false, "glibc (cgo)", "/lib")]
    [InlineData("Dockerfile.musl", "musl:1.2", false, "musl (cgo)", "/lib/ld-musl-")]
    public async Task Sample5_the_cgo_decision_picks_static_glibc_or_musl_and_each_runs_on_every_platform(string dockerfile, string runtime, bool isStatic, string libc, string? interpreter)
    {
        var result = await RunAsync("05-cgo-decision", "linux/amd64,linux/arm64,linux/arm/v7", runtime, dockerfile, requireStatic: isStatic, cgo: !isStatic);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems) + "\n" + Tail());
        Assert.All(result.Verification!.Entries, e =>
        {
            Assert.Equal(isStatic, e.Binary!.Report.IsStatic);
            Assert.True(interpreter is null ? e.Binary.Report.Interpreter is null : e.Binary.Report.Interpreter!.StartsWith(interpreter, StringComparison.Ordinal) && e.Binary.Report.Interpreter.Contains(runtime.StartsWith("musl", StringComparison.Ordinal) ? "ld-musl" : "ld-linux", StringComparison.Ordinal), e.Binary.Report.ToString());
        });
        RanAsItsPlatform(result, $", libc: {libc}");
    }
}

using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Toolchains.Go;

namespace Nuke.CrossBuild.Tests.Toolchains;

/// <summary>The Go matrix build with the real Go toolchain, cross gcc and QEMU (provisioned in CI).</summary>
public sealed class GoTasksSpecs : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly List<string> log = [];

    public void Dispose() => dir.Dispose();

    private GoBuildSettings Settings(string asset) => new GoBuildSettings()
        .SetWorkingDirectory(GoBuilder.AssetDirectory(asset))
        .SetOutput(dir.Combine("{platform}", "{name}[.exe]"))
        .SetGoPath(Requires.Go);

    private void Log(string line)
    {
        lock (log)
        {
            log.Add(line);
        }
    }

    [Fact(Timeout = 900_000)]
    public async Task Every_platform_of_all_is_cross_compiled_verified_and_runs_under_qemu_printing_its_platform()
    {
        await Requires.GoAsync();

        var report = await GoTasks.BuildAsync(Settings("hello").SetPlatforms("all").EnableStatic().SetSmokeArguments(), Log, TestContext.Current.CancellationToken);

        Assert.True(report.Succeeded, report.ToTable() + "\n" + string.Join("\n", log.TakeLast(20)));
        Assert.Equal(PlatformSelection.Of(["all"]).Expand(), report.Results.Select(r => r.Platform));
        Assert.All(report.Results, r =>
        {
            Assert.Equal(true, r.Verified);
            Assert.Equal(true, r.Static);
            Assert.Equal($"hello from {r.Platform}", r.SmokeOutput);
            Assert.True(File.Exists(dir.Combine(r.Platform.ToSlug(), "hello")));
        });
        Assert.Equal([BuildMode.Native, BuildMode.Cross], report.Results.Where(r => r.Platform == Platform.LinuxAmd64 || r.Platform == Platform.LinuxArm64).Select(r => r.Mode));
        Assert.Contains(log, l => l.StartsWith("[linux/arm/v6] GOOS=linux GOARCH=arm GOARM=6 CGO_ENABLED=0", StringComparison.Ordinal));
    }

    [Fact(Timeout = 900_000)]
    public async Task A_static_cgo_matrix_uses_each_targets_cross_gcc_and_runs_under_qemu()
    {
        await Requires.GoAsync();
        string[] platforms = ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6", "linux/riscv64", "linux/ppc64le", "linux/s390x", "linux/386"];
        foreach (var platform in platforms.Skip(1))
        {
            await Requires.ToolAsync($"{Platform.Parse(platform).Info.GnuTriple}-gcc", "C cross compiler");
        }

        var report = await GoTasks.BuildAsync(Settings("cgohello").SetPlatforms(platforms).EnableCgo().EnableStatic().SetSmokeArguments(), Log, TestContext.Current.CancellationToken);

        Assert.True(report.Succeeded, report.ToTable() + "\n" + string.Join("\n", log.TakeLast(20)));
        Assert.All(report.Results, r =>
        {
            Assert.Equal(true, r.Static);
            Assert.Equal($"hello from {r.Platform}, cgo says 42, uid 0 is root", r.SmokeOutput);
            Assert.Equal("1", r.Invocation!.Environment.Single(e => e.Key == "CGO_ENABLED").Value);
        });
        Assert.Equal("arm-linux-gnueabi-gcc", report.Results.Single(r => r.Platform == Platform.LinuxArmV6).Toolchain!.CC);
    }

    [Fact(Timeout = 600_000)]
    public async Task Static_glibc_warns_about_user_lookups_and_osusergo_removes_the_warning()
    {
        await Requires.GoAsync();
        await Requires.ToolAsync("aarch64-linux-gnu-gcc", "C cross compiler");
        var plain = Settings("cgohello").SetPlatforms("linux/arm64").EnableCgo().AddLdflags("-linkmode external -extldflags -static").SetName("plain");

        var withoutRecipe = await GoTasks.BuildAsync(plain, Log, TestContext.Current.CancellationToken);
        var warned = log.Any(l => l.Contains("in statically linked applications requires at runtime the shared libraries", StringComparison.Ordinal));
        log.Clear();
        var withRecipe = await GoTasks.BuildAsync(Settings("cgohello").SetPlatforms("linux/arm64").EnableCgo().EnableStatic().SetName("recipe"), Log, TestContext.Current.CancellationToken);

        Assert.True(withoutRecipe.Succeeded && withRecipe.Succeeded);
        Assert.True(warned, "static glibc should warn about getpwuid_r without osusergo");
        Assert.DoesNotContain(log, l => l.Contains("statically linked applications requires", StringComparison.Ordinal));
    }

    [Fact(Timeout = 600_000)]
    public async Task A_failing_platform_is_named_fail_fast_stops_the_rest_and_no_half_written_output_stays()
    {
        await Requires.GoAsync();
        var settings = Settings("failsonriscv").SetPlatforms("linux/riscv64", "linux/amd64", "linux/arm64", "linux/s390x").SetJobs(1);

        var failFast = await GoTasks.BuildAsync(settings, Log, TestContext.Current.CancellationToken);
        var keepGoing = await GoTasks.BuildAsync(settings.DisableFailFast(), Log, TestContext.Current.CancellationToken);

        var riscv = failFast.Results[0];
        Assert.False(riscv.Succeeded);
        Assert.Contains("go build exited with 1", riscv.Error, StringComparison.Ordinal);
        Assert.All(failFast.Results.Skip(1), r => Assert.True(r.Cancelled));
        Assert.Equal([false, true, true, true], keepGoing.Results.Select(r => r.Succeeded));
        Assert.False(File.Exists(dir.Combine("linux_riscv64", "failsonriscv")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp-*", SearchOption.AllDirectories));
        Assert.Contains("linux/riscv64: go build exited with 1", Assert.Throws<GoBuildException>(() => keepGoing.EnsureSucceeded()).Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_cgo_only_package_built_without_cgo_says_so()
    {
        await Requires.GoAsync();

        var report = await GoTasks.BuildAsync(Settings("cgohello").SetPlatforms("linux/amd64"), Log, TestContext.Current.CancellationToken);

        Assert.Contains("with CGO_ENABLED=0 the files that import \"C\" are left out; enable cgo", report.Results[0].Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 600_000)]
    public async Task Cancelling_kills_the_builds_and_leaves_no_outputs()
    {
        await Requires.GoAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var settings = Settings("cgohello").SetPlatforms("linux/amd64", "linux/arm64").EnableCgo().AddEnvironmentVariable("GOFLAGS", "-a").AddEnvironmentVariable("GOCACHE", dir.Combine("cache"));
        cancel.CancelAfter(TimeSpan.FromSeconds(1.5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GoTasks.BuildAsync(settings, Log, cancel.Token));

        Assert.False(Directory.Exists(dir.Combine("linux_amd64")) && File.Exists(dir.Combine("linux_amd64", "cgohello")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp-*", SearchOption.AllDirectories));
    }
}

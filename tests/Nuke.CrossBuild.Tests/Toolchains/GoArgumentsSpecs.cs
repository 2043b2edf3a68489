using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Toolchains;
using Nuke.CrossBuild.Toolchains.Go;

namespace Nuke.CrossBuild.Tests.Toolchains;

public sealed class GoArgumentsSpecs
{
    private static readonly CToolchain ArmelGcc = ToolchainResolver.Resolve(Platform.LinuxArmV6, Libc.Gnu, name => name.StartsWith("arm-linux-gnueabi-", StringComparison.Ordinal) ? "/usr/bin/" + name : null, _ => true);

    [Fact]
    public void Without_cgo_the_invocation_sets_the_platform_and_cgo_enabled_0()
    {
        var invocation = GoArguments.For(new GoBuildSettings(), Platform.LinuxArmV6, "app");

        Assert.Equal("GOOS=linux GOARCH=arm GOARM=6 CGO_ENABLED=0 go build -trimpath -o artifacts/bin/linux_arm_v6/app .", invocation.ToString());
    }

    [Fact]
    public void Static_cgo_applies_the_osusergo_netgo_and_extldflags_static_recipe_with_the_target_compiler()
    {
        var settings = new GoBuildSettings().EnableCgo().EnableStatic().AddTags("sqlite_omit_load_extension").EnableStripSymbols();

        var invocation = GoArguments.For(settings, Platform.LinuxArmV6, "app", ArmelGcc);

        Assert.Equal(
            "GOOS=linux GOARCH=arm GOARM=6 CGO_ENABLED=1 CC=arm-linux-gnueabi-gcc CXX=arm-linux-gnueabi-g++ AR=arm-linux-gnueabi-ar PKG_CONFIG=arm-linux-gnueabi-pkg-config PKG_CONFIG_LIBDIR=/usr/lib/arm-linux-gnueabi/pkgconfig:/usr/share/pkgconfig " +
            "go build -trimpath -tags sqlite_omit_load_extension,osusergo,netgo -ldflags '-linkmode external -extldflags -static -s -w' -o artifacts/bin/linux_arm_v6/app .",
            invocation.ToString());
    }

    [Fact]
    public void Builds_side_by_side_share_the_cores_through_go_build_p()
    {
        var settings = new GoBuildSettings().SetJobs(2);

        var invocation = GoArguments.For(settings, Platform.LinuxArm64, "app", packagesAtOnce: GoTasks.PackagesAtOnce(settings, platforms: 6, cores: 2));

        Assert.Equal("GOOS=linux GOARCH=arm64 GOARM64=v8.0 CGO_ENABLED=0 go build -p 1 -trimpath -o artifacts/bin/linux_arm64/app .", invocation.ToString());
    }

    [Theory]
    [InlineData(2, 6, 2, 1)]    // two builds on two cores: one package at a time each
    [InlineData(4, 8, 8, 2)]
    [InlineData(4, 3, 8, 2)]    // three platforms: only three builds ever run, each gets 8 / 3 cores
    [InlineData(3, 8, 2, 1)]    // more jobs than cores: never below 1
    [InlineData(1, 8, 8, null)] // one at a time: go's own default
    [InlineData(4, 1, 8, null)] // one platform: go's own default
    public void Packages_at_once_splits_the_cores_among_the_builds_that_run_together(int jobs, int platforms, int cores, int? expected)
        => Assert.Equal(expected, GoTasks.PackagesAtOnce(new GoBuildSettings().SetJobs(jobs), platforms, cores));

    [Fact]
    public void Static_without_cgo_needs_nothing_but_cgo_off()
    {
        var invocation = GoArguments.For(new GoBuildSettings().EnableStatic(), Platform.LinuxRiscV64, "app");

        Assert.Equal(["build", "-trimpath", "-o", "artifacts/bin/linux_riscv64/app", "."], invocation.Arguments);
        Assert.Contains(new KeyValuePair<string, string>("CGO_ENABLED", "0"), invocation.Environment);
    }

    [Fact]
    public void A_static_pie_with_cgo_links_with_static_pie_and_without_cgo_is_refused()
    {
        var pie = new GoBuildSettings().SetBuildMode("pie").EnableStatic();

        var error = Assert.Throws<InputException>(() => GoArguments.For(pie, Platform.LinuxArmV6, "app"));
        var invocation = GoArguments.For(pie.EnableCgo(), Platform.LinuxArmV6, "app", ArmelGcc);

        Assert.Contains("a -buildmode=pie binary without cgo has a dynamic loader", error.Message, StringComparison.Ordinal);
        Assert.Contains("-extldflags -static-pie", invocation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Race_is_refused_for_a_cross_build()
    {
        var error = Assert.Throws<InputException>(() => GoArguments.For(new GoBuildSettings().EnableRace().EnableCgo(), Platform.LinuxArmV6, "app", ArmelGcc, native: false));

        Assert.StartsWith("linux/arm/v6: -race needs cgo and a native build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cgo_without_a_toolchain_is_refused_with_the_toolchains_reason()
    {
        var missing = ToolchainResolver.Resolve(Platform.LinuxS390X, Libc.Gnu, _ => null, _ => false);

        var error = Assert.Throws<ToolchainException>(() => GoArguments.For(new GoBuildSettings().EnableCgo(), Platform.LinuxS390X, "app", missing));

        Assert.Contains("install gcc-s390x-linux-gnu libc6-dev-s390x-cross", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("linux/arm/v7", "artifacts/bin/{os}_{arch}[_{variant}]/{name}[.exe]", "artifacts/bin/linux_arm_v7/app")]
    [InlineData("linux/amd64", "artifacts/bin/{os}_{arch}[_{variant}]/{name}[.exe]", "artifacts/bin/linux_amd64/app")]
    [InlineData("windows/amd64", "artifacts/bin/{os}_{arch}[_{variant}]/{name}[.exe]", "artifacts/bin/windows_amd64/app.exe")]
    [InlineData("linux/arm64", "out/{platform}/{name}-{arch}", "out/linux_arm64/app-arm64")]
    public void The_output_pattern_expands_per_platform(string platform, string pattern, string expected)
    {
        Assert.Equal(expected, OutputPattern.Expand(pattern, Platform.Parse(platform), "app"));
    }

    [Fact]
    public void An_unknown_placeholder_is_refused()
    {
        var error = Assert.Throws<InputException>(() => OutputPattern.Expand("out/{goarch}/app", Platform.LinuxArm64, "app"));

        Assert.Contains("unknown placeholder {goarch}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_environment_comes_last_and_ldflags_keep_their_order()
    {
        var settings = new GoBuildSettings().AddEnvironmentVariable("GOFLAGS", "-mod=vendor").AddLdflags("-X main.version=1.2.3").SetGcflags("all=-N -l").DisableTrimpath();

        var invocation = GoArguments.For(settings, Platform.LinuxAmd64, "app");

        Assert.Equal("GOFLAGS", invocation.Environment[^1].Key);
        Assert.Equal(["build", "-ldflags", "-X main.version=1.2.3", "-gcflags", "all=-N -l", "-o", "artifacts/bin/linux_amd64/app", "."], invocation.Arguments);
    }
}

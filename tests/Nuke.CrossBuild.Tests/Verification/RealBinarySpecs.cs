using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Verification;

/// <summary>The verifier on binaries built by the real Go toolchain and cross gcc (provisioned in CI).</summary>
public sealed class RealBinarySpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory(Timeout = 300_000)]
    [InlineData("linux/amd64", "linux/arm64")]
    [InlineData("linux/arm64", "linux/amd64")]
    [InlineData("linux/arm/v7", "linux/arm64")]
    [InlineData("linux/arm/v6", "linux/386")]
    [InlineData("linux/arm/v5", "linux/riscv64")]
    [InlineData("linux/386", "linux/amd64")]
    [InlineData("linux/riscv64", "linux/arm64")]
    [InlineData("linux/ppc64le", "linux/s390x")]
    [InlineData("linux/s390x", "linux/ppc64le")]
    [InlineData("windows/amd64", "linux/amd64")]
    [InlineData("darwin/arm64", "darwin/amd64")]
    public async Task A_go_binary_matches_its_platform_and_no_other(string platformText, string otherText)
    {
        await Requires.GoAsync();
        var platform = Platform.Parse(platformText);
        var binary = await GoBuilder.BuildAsync("hello", platform, dir.Combine(platform.ToSlug()));

        var right = BinaryVerifier.Verify(binary, platform, requireStatic: true);
        var wrong = BinaryVerifier.Verify(binary, Platform.Parse(otherText));

        Assert.True(right.Ok, string.Join("; ", right.Problems));
        Assert.Equal((platform.Info.Go.Goos, platform.Info.Go.Goarch), (right.Report.Go?.Goos, right.Report.Go?.Goarch));
        Assert.StartsWith("go1.23", right.Report.Go!.GoVersion, StringComparison.Ordinal);
        Assert.False(wrong.Ok);
    }

    [Fact(Timeout = 300_000)]
    public async Task Goarm_7_and_goarm_6_binaries_have_identical_headers_and_only_build_info_tells_them_apart()
    {
        await Requires.GoAsync();
        var v7 = await GoBuilder.BuildAsync("hello", Platform.LinuxArmV7, dir.Combine("v7"));
        var v6 = await GoBuilder.BuildAsync("hello", Platform.LinuxArmV6, dir.Combine("v6"));

        Assert.Equal(BinaryInspector.Inspect(v7).Identity, BinaryInspector.Inspect(v6).Identity);
        Assert.False(BinaryVerifier.Verify(v7, Platform.LinuxArmV6).Ok);
        Assert.True(BinaryVerifier.Verify(v6, Platform.LinuxArmV7).Ok);
        Assert.True(BinaryVerifier.Verify(v6, Platform.LinuxArmV6).Ok);
    }

    [Theory(Timeout = 300_000)]
    [InlineData("linux/arm64", "/lib/ld-linux-aarch64.so.1")]
    [InlineData("linux/arm/v7", "/lib/ld-linux-armhf.so.3")]
    [InlineData("linux/arm/v6", "/lib/ld-linux.so.3")]
    [InlineData("linux/riscv64", "/lib/ld-linux-riscv64-lp64d.so.1")]
    [InlineData("linux/ppc64le", "/lib64/ld64.so.2")]
    [InlineData("linux/s390x", "/lib/ld64.so.1")]
    [InlineData("linux/386", "/lib/ld-linux.so.2")]
    public async Task A_cgo_binary_from_the_cross_gcc_is_dynamic_and_its_static_build_is_static(string platformText, string interpreter)
    {
        await Requires.GoAsync();
        var platform = Platform.Parse(platformText);
        var cc = $"{platform.Info.GnuTriple}-gcc";
        await Requires.ToolAsync(cc, "C cross compiler");
        var env = new Dictionary<string, string?> { ["CC"] = cc };

        var dynamic = await GoBuilder.BuildAsync("cgohello", platform, dir.Combine("dyn"), cgo: true, extraEnv: env);
        var isStatic = await GoBuilder.BuildAsync("cgohello", platform, dir.Combine("static"), cgo: true, ["-tags", "osusergo,netgo", "-ldflags", "-linkmode external -extldflags -static"], env);

        var dyn = BinaryVerifier.Verify(dynamic, platform, requireStatic: true);
        Assert.Equal(interpreter, dyn.Report.Interpreter);
        Assert.Contains("libc.so.6", dyn.Report.Needed);
        Assert.Equal(true, dyn.Report.Go!.CgoEnabled);
        Assert.Contains("is not statically linked", Assert.Single(dyn.Problems), StringComparison.Ordinal);
        Assert.True(BinaryVerifier.Verify(dynamic, platform).Ok);
        var stat = BinaryVerifier.Verify(isStatic, platform, requireStatic: true);
        Assert.True(stat.Ok, string.Join("; ", stat.Problems));
        Assert.Equal("osusergo,netgo", stat.Report.Go!.Setting("-tags"));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_go_pie_has_an_interpreter_and_is_not_static()
    {
        await Requires.GoAsync();
        var pie = await GoBuilder.BuildAsync("hello", Platform.LinuxAmd64, dir.Combine("pie"), extraArgs: ["-buildmode=pie"]);

        var result = BinaryVerifier.Verify(pie, Platform.LinuxAmd64, requireStatic: true);

        Assert.Equal("pie executable", result.Report.Kind);
        Assert.NotNull(result.Report.Interpreter);
        Assert.False(result.Ok);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_static_pie_c_binary_is_static_and_a_musl_binary_shows_its_loader()
    {
        await Requires.ToolAsync("gcc", "host C compiler");
        await Requires.ToolAsync("musl-gcc", "musl-tools");
        var source = dir.Write("hello.c", "#include <stdio.h>\nint main(void){puts(\"hi\");return 0;}\n");

        var staticPie = await CompileAsync("gcc", ["-static-pie", "-o", dir.Combine("spie"), source]);
        var musl = await CompileAsync("musl-gcc", ["-o", dir.Combine("musl"), source]);

        var spie = BinaryVerifier.Verify(staticPie, Platform.LinuxAmd64, requireStatic: true);
        Assert.True(spie.Ok, string.Join("; ", spie.Problems));
        Assert.Equal("static-pie executable", spie.Report.Kind);
        Assert.Equal("/lib/ld-musl-x86_64.so.1", BinaryInspector.Inspect(musl).Interpreter);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_c_binary_for_armhf_carries_its_cpu_level_and_float_abi()
    {
        await Requires.ToolAsync("arm-linux-gnueabihf-gcc", "C cross compiler");
        await Requires.ToolAsync("arm-linux-gnueabi-gcc", "C cross compiler");
        var source = dir.Write("hello.c", "int main(void){return 0;}\n");

        var armhf = BinaryInspector.Inspect(await CompileAsync("arm-linux-gnueabihf-gcc", ["-o", dir.Combine("armhf"), source]));
        var armel = BinaryInspector.Inspect(await CompileAsync("arm-linux-gnueabi-gcc", ["-o", dir.Combine("armel"), source]));

        Assert.Equal((7, "hard"), (armhf.ArmLevel, armhf.ArmFloatAbi));
        Assert.Equal((5, "soft"), (armel.ArmLevel, armel.ArmFloatAbi));
        Assert.False(BinaryVerifier.Verify(armhf.File, Platform.LinuxArmV6).Ok);
        Assert.False(BinaryVerifier.Verify(armel.File, Platform.LinuxArmV7).Ok);
        Assert.True(BinaryVerifier.Verify(armel.File, Platform.LinuxArmV6).Ok);
    }

    private static async Task<string> CompileAsync(string compiler, string[] args)
    {
        var result = await Tool.RunAsync(compiler, args, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.StdErr);
        return args[Array.IndexOf(args, "-o") + 1];
    }
}

using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Verification;

/// <summary>The verifier on synthetic ELF files: every rule, no toolchain needed.</summary>
public sealed class BinaryVerifierSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private BinaryVerification Verify(ElfFixture fixture, string platform, bool requireStatic = false)
        => BinaryVerifier.Verify(fixture.WriteTo(dir.Path, "app"), Platform.Parse(platform), requireStatic);

    private static readonly ElfFixture Arm64Static = new() { Class = 64, Machine = 183 };

    [Fact]
    public void A_static_binary_of_the_right_architecture_passes_even_with_static_required()
    {
        var result = Verify(Arm64Static, "linux/arm64", requireStatic: true);

        Assert.True(result.Ok, string.Join("; ", result.Problems));
        Assert.Equal("ELF 64-bit LSB executable, ARM aarch64, statically linked", result.Report.ToString());
    }

    [Fact]
    public void I_cannot_verify_an_amd64_binary_as_arm64()
    {
        var result = Verify(new ElfFixture { Machine = 62 }, "linux/arm64");

        Assert.Equal(["file " + result.Report.File + " does not match expected target architecture arm64: expected ELF 64-bit LSB ARM aarch64, got ELF 64-bit LSB executable, x86-64, statically linked"], result.Problems);
    }

    [Theory]
    [InlineData(32, false, 183, "linux/arm64")] // class differs
    [InlineData(64, true, 21, "linux/ppc64le")] // byte order differs
    [InlineData(64, false, 22, "linux/s390x")] // s390x is big-endian
    public void Class_and_byte_order_must_match_as_well_as_the_machine(int bits, bool bigEndian, int machine, string platform)
    {
        var result = Verify(new ElfFixture { Class = bits, BigEndian = bigEndian, Machine = machine }, platform);

        Assert.Contains("does not match expected target architecture", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_big_endian_s390x_binary_passes_as_s390x()
    {
        Assert.True(Verify(new ElfFixture { BigEndian = true, Machine = 22 }, "linux/s390x").Ok);
    }

    [Fact]
    public void I_cannot_verify_a_dynamically_linked_binary_as_static()
    {
        var result = Verify(Arm64Static with { Interpreter = "/lib/ld-linux-aarch64.so.1", Needed = ["libc.so.6"] }, "linux/arm64", requireStatic: true);

        Assert.Equal("/lib/ld-linux-aarch64.so.1", result.Report.Interpreter);
        Assert.Equal(["libc.so.6"], result.Report.Needed);
        Assert.StartsWith($"file {result.Report.File} is not statically linked: ELF 64-bit LSB executable, ARM aarch64, dynamically linked, interpreter /lib/ld-linux-aarch64.so.1", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_static_pie_counts_as_static()
    {
        var result = Verify(Arm64Static with { Type = 3, PieFlag = true }, "linux/arm64", requireStatic: true);

        Assert.True(result.Ok);
        Assert.Equal("static-pie executable", result.Report.Kind);
    }

    [Fact]
    public void A_pie_with_an_interpreter_is_not_static()
    {
        var result = Verify(Arm64Static with { Type = 3, Interpreter = "/lib/ld-musl-aarch64.so.1", Needed = ["libc.musl-aarch64.so.1"] }, "linux/arm64", requireStatic: true);

        Assert.False(result.Ok);
        Assert.Equal("pie executable", result.Report.Kind);
        Assert.Equal("/lib/ld-musl-aarch64.so.1", result.Report.Interpreter);
    }

    [Fact]
    public void Needed_libraries_alone_make_a_binary_dynamic()
    {
        Assert.False(Verify(Arm64Static with { Needed = ["libfoo.so"] }, "linux/arm64", requireStatic: true).Ok);
    }

    [Fact]
    public void Static_is_not_required_when_not_asked()
    {
        Assert.True(Verify(Arm64Static with { Interpreter = "/lib/ld-linux-aarch64.so.1", Needed = ["libc.so.6"] }, "linux/arm64").Ok);
    }

    [Fact]
    public void Armv7_code_in_an_armv6_image_is_the_raspberry_pi_sigill_bug()
    {
        var result = Verify(new ElfFixture { Class = 32, Machine = 40, ArmAttributes = ElfFixture.ArmAttributesFor(10, 1), Flags = 0x05000400 }, "linux/arm/v6");

        Assert.Equal(7, result.Report.ArmLevel);
        Assert.Equal("hard", result.Report.ArmFloatAbi);
        Assert.Contains("needs ARMv7 but linux/arm/v6 guarantees only ARMv6", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Armv6_code_runs_on_armv7()
    {
        var result = Verify(new ElfFixture { Class = 32, Machine = 40, ArmAttributes = ElfFixture.ArmAttributesFor(6, 0) }, "linux/arm/v7");

        Assert.True(result.Ok);
        Assert.Equal(6, result.Report.ArmLevel);
    }

    [Fact]
    public void A_go_binary_built_with_goarm_7_fails_on_arm_v6_although_its_headers_match()
    {
        var fixture = new ElfFixture { Class = 32, Machine = 40, GoSettings = [("GOOS", "linux"), ("GOARCH", "arm"), ("GOARM", "7"), ("CGO_ENABLED", "0")] };

        var v6 = Verify(fixture, "linux/arm/v6");
        var v7 = Verify(fixture, "linux/arm/v7");

        Assert.Equal(7, v6.Report.ArmLevel);
        Assert.Equal("7", v6.Report.Go!.Setting("GOARM"));
        Assert.False(v6.Ok);
        Assert.True(v7.Ok);
    }

    [Fact]
    public void A_soft_float_dynamic_binary_cannot_load_on_armhf()
    {
        var result = Verify(new ElfFixture { Class = 32, Machine = 40, Flags = 0x05000200, Interpreter = "/lib/ld-linux.so.3", Needed = ["libc.so.6"] }, "linux/arm/v7");

        Assert.Contains("soft-float ABI but linux/arm/v7 (armhf)", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Go_build_info_must_name_the_expected_goos_and_goarch()
    {
        var result = Verify(Arm64Static with { GoSettings = [("GOOS", "linux"), ("GOARCH", "amd64")] }, "linux/arm64");

        Assert.Contains("was built with GOOS=linux GOARCH=amd64 but linux/arm64 needs GOOS=linux GOARCH=arm64", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_goamd64_v3_binary_does_not_fit_plain_amd64()
    {
        var fixture = new ElfFixture { GoSettings = [("GOOS", "linux"), ("GOARCH", "amd64"), ("GOAMD64", "v3")] };

        Assert.False(Verify(fixture, "linux/amd64").Ok);
        Assert.True(Verify(fixture, "linux/amd64/v3").Ok);
    }

    [Fact]
    public void A_freebsd_binary_is_not_a_linux_binary()
    {
        var result = Verify(new ElfFixture { OsAbi = 9 }, "linux/amd64");

        Assert.Contains("does not match expected target os linux", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.True(Verify(new ElfFixture { OsAbi = 9 }, "freebsd/amd64").Ok);
    }

    [Fact]
    public void Go_build_settings_are_read_with_quoted_values()
    {
        var fixture = Arm64Static with { GoSettings = [("GOOS", "linux"), ("GOARCH", "arm64"), ("-ldflags", "\"-s -w\""), ("-tags", "osusergo,netgo"), ("-trimpath", "true")] };

        var go = Verify(fixture, "linux/arm64").Report.Go!;

        Assert.Equal(("go1.23.5", "example.com/app"), (go.GoVersion, go.Path));
        Assert.Equal(("-s -w", "osusergo,netgo", "true"), (go.Setting("-ldflags"), go.Setting("-tags"), go.Setting("-trimpath")));
    }

    [Theory]
    [InlineData("missing", "no such file")]
    [InlineData("text", "not an ELF, PE or Mach-O binary")]
    [InlineData("empty", "empty file")]
    public void A_file_that_is_not_a_binary_fails_with_the_reason(string kind, string reason)
    {
        var path = dir.Combine(kind);
        if (kind == "text")
        {
            File.WriteAllText(path, "#!/bin/sh\necho hi\n");
        }
        else if (kind == "empty")
        {
            File.WriteAllBytes(path, []);
        }

        var result = BinaryVerifier.Verify(path, Platform.LinuxAmd64);

        Assert.Equal($"file {path} is not a linux/amd64 binary: {reason}", Assert.Single(result.Problems).Replace(", not a binary", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void A_truncated_binary_gives_a_one_line_reason()
    {
        var bytes = Arm64Static with { Interpreter = "/lib/ld.so", Needed = ["libc.so.6"] };
        var path = dir.Combine("truncated");
        File.WriteAllBytes(path, bytes.Build()[..70]);

        var report = BinaryInspector.Inspect(path);

        Assert.StartsWith("corrupt binary: ", report.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', report.Error!);
    }

    [Fact]
    public void Ensure_verified_throws_with_every_problem()
    {
        var good = Arm64Static.WriteTo(dir.Path, "good");
        var bad = new ElfFixture().WriteTo(dir.Path, "bad");

        var error = Assert.Throws<VerificationException>(() => BinaryVerifier.EnsureVerified([good, bad, dir.Combine("nope")], Platform.LinuxArm64));

        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void The_target_platform_comes_from_the_environment_like_xx_verify()
    {
        Assert.Equal(Platform.LinuxArmV6, TargetPlatform.FromEnvironment(n => n == "TARGETPLATFORM" ? "linux/arm/v6" : null));
        Assert.Equal(Platform.LinuxArmV7, TargetPlatform.FromEnvironment(n => n switch { "TARGETOS" => "linux", "TARGETARCH" => "arm", "TARGETVARIANT" => "v7", _ => null }));
        Assert.Equal(Platform.Host, TargetPlatform.FromEnvironment(_ => null));
    }
}

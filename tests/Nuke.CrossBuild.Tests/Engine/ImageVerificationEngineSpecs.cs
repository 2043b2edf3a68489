using System.Formats.Tar;
using System.Text.Json;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Cli;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>Image verification on images built by the real buildx: pushed to the local registry and written as OCI layouts.</summary>
public sealed class ImageVerificationEngineSpecs
{
    private static readonly Platform[] Common = [Platform.LinuxAmd64, Platform.LinuxArm64, Platform.LinuxArmV7];

    private const string PerPlatformDockerfile = """
        FROM scratch
        ARG TARGETARCH TARGETVARIANT
        COPY bin/${TARGETARCH}${TARGETVARIANT}/hello /hello
        ENTRYPOINT ["/hello"]
        """;

    private static async Task<ImageVerification> VerifyAsync(string target, IReadOnlyList<Platform>? expected, bool requireStatic = false)
    {
        using var source = await ImageSources.OpenAsync(target, cancellationToken: TestContext.Current.CancellationToken);
        return await ImageVerifier.VerifyAsync(source, expected, requireStatic: requireStatic, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact(Timeout = 600_000)]
    public async Task A_right_image_passes_from_the_registry_an_oci_tarball_and_an_oci_layout()
    {
        await Requires.EngineAsync();
        await Requires.GoAsync();
        using var context = await ImageContext.CreateAsync("hello", Common);
        context.Dockerfile(PerPlatformDockerfile);
        var image = ImageContext.NewImage("good");
        var tar = context.Combine("image.tar");

        await context.BuildAsync(Common, "--tag", image, "--push");
        await context.BuildAsync(Common, "--output", $"type=oci,dest={tar}");
        var layout = context.Combine("layout");
        Directory.CreateDirectory(layout);
        await TarFile.ExtractToDirectoryAsync(tar, layout, overwriteFiles: false, TestContext.Current.CancellationToken);

        foreach (var target in new[] { image, tar, layout })
        {
            var result = await VerifyAsync(target, Common, requireStatic: true);
            Assert.True(result.Ok, $"{target}: {string.Join("\n", result.Problems)}");
            Assert.Equal(["linux/amd64", "linux/arm64", "linux/arm/v7"], result.Platforms);
            Assert.NotEmpty(result.Attestations); // buildx's default provenance adds unknown/unknown entries
        }
    }

    [Fact(Timeout = 600_000)]
    public async Task A_build_stage_that_ignores_targetarch_ships_amd64_in_every_manifest_and_is_caught()
    {
        await Requires.EngineAsync();
        await Requires.GoAsync();
        using var context = await ImageContext.CreateAsync("hello", [Platform.LinuxAmd64]);
        context.Dockerfile("""
            FROM scratch
            COPY bin/amd64/hello /hello
            ENTRYPOINT ["/hello"]
            """);
        var image = ImageContext.NewImage("wrongarch");

        await context.BuildAsync(Common, "--tag", image, "--push", "--provenance=false");
        var result = await VerifyAsync(image, Common);

        Assert.Equal(2, result.Problems.Count);
        Assert.Contains("[linux/arm64]:/hello does not match expected target architecture arm64", result.Problems[0], StringComparison.Ordinal);
        Assert.Contains("got ELF 64-bit LSB executable, x86-64", result.Problems[0], StringComparison.Ordinal);
        Assert.Contains("[linux/arm/v7]:/hello does not match expected target architecture arm", result.Problems[1], StringComparison.Ordinal);
        Assert.Empty(result.Attestations);
    }

    [Fact(Timeout = 600_000)]
    public async Task A_missing_platform_and_a_dynamic_binary_in_scratch_are_caught()
    {
        await Requires.EngineAsync();
        await Requires.GoAsync();
        await Requires.ToolAsync("aarch64-linux-gnu-gcc", "C cross compiler");
        Platform[] built = [Platform.LinuxAmd64, Platform.LinuxArm64];
        using var context = await ImageContext.CreateAsync("cgohello", built, cgo: true);
        context.Dockerfile(PerPlatformDockerfile);
        var image = ImageContext.NewImage("dynamic");

        await context.BuildAsync(built, "--tag", image, "--push");
        var result = await VerifyAsync(image, PlatformSelection.Of(["common"]).Expand(), requireStatic: false);

        Assert.Contains(result.Problems, p => p.Contains("(missing linux/arm/v7)", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("linux/amd64: /hello needs the dynamic loader /lib64/ld-linux-x86-64.so.2", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("linux/arm64: /hello needs the dynamic loader /lib/ld-linux-aarch64.so.1", StringComparison.Ordinal));
    }

    [Fact(Timeout = 600_000)]
    public async Task The_cli_verifies_a_registry_image_and_exits_1_on_a_wrong_one()
    {
        await Requires.EngineAsync();
        await Requires.GoAsync();
        using var context = await ImageContext.CreateAsync("hello", Common);
        context.Dockerfile(PerPlatformDockerfile);
        var good = ImageContext.NewImage("cli-good");
        await context.BuildAsync(Common, "--tag", good, "--push");

        var ok = CliRunner.Run("image", "verify", good, "--platforms", "common", "--static", "--json");
        var missing = CliRunner.Run("image", "verify", good, "--platforms", "all");

        Assert.Equal(0, ok.ExitCode);
        using var json = JsonDocument.Parse(ok.StdOut);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(3, json.RootElement.GetProperty("entries").GetArrayLength());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("missing linux/arm/v6, linux/386, linux/ppc64le, linux/s390x, linux/riscv64", missing.StdErr, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Toolchains;
using Nuke.CrossBuild.Toolchains.Go;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>
/// The daemonless path end to end with real parts and no engine: eng/base-images.sh --rootfs downloads the runtime
/// bases' Debian packages, the assembler makes base images of them, the Go matrix cross-compiles a cgo sample with the
/// host's gcc and musl, each binary runs under QEMU, and the image on the base is verified (its loader included).
/// </summary>
public sealed class DaemonlessBaseSpecs : IDisposable
{
    private static readonly Lazy<Task<string>> Rootfs = new(WriteRootfsAsync);
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 600_000)]
    public async Task Base_images_from_debian_packages_are_assembled_with_no_program_and_each_platforms_loader()
    {
        var rootfs = await Rootfs.Value;

        var glibc = await BaseAsync(rootfs, "glibc");

        Assert.All(glibc.Platforms, p => Assert.Null(p.Binary));
        Assert.True(glibc.Verification.Ok, string.Join("; ", glibc.Verification.Problems));
        var config = Config(dir.Combine("glibc"), glibc.Platforms[1].ManifestDigest);
        Assert.False(config.GetProperty("config").TryGetProperty("Entrypoint", out _));
        Assert.Equal("65532:65532", config.GetProperty("config").GetProperty("User").GetString());
        Assert.Equal(2, config.GetProperty("rootfs").GetProperty("diff_ids").GetArrayLength()); // static.tar, then glibc-arm64.tar
    }

    [Fact(Timeout = 600_000)]
    public async Task A_musl_cgo_binary_runs_from_the_host_and_its_image_on_the_musl_base_verifies_while_a_glibc_one_is_refused()
    {
        var rootfs = await Rootfs.Value;
        await BaseAsync(rootfs, "musl");
        var sample = RepoPaths.Sample("05-cgo-decision");

        var musl = await BuildAsync(sample, Libc.Musl, "musl");
        var image = await ImageAssemblyTasks.AssembleAsync(Settings("musl").SetOciLayout(dir.Combine("musl-app")), TestContext.Current.CancellationToken);
        var glibc = await BuildAsync(sample, Libc.Gnu, "gnu");
        var refused = await Assert.ThrowsAsync<VerificationException>(() => ImageAssemblyTasks.AssembleAsync(Settings("gnu").SetOciLayout(dir.Combine("gnu-app")), TestContext.Current.CancellationToken));

        Assert.Equal(["hello from linux/arm64, libc: musl (cgo)", "hello from linux/arm/v7, libc: musl (cgo)"], musl.Results.Select(r => r.SmokeOutput));
        Assert.True(image.Verification.Ok, string.Join("; ", image.Verification.Problems));
        Assert.Equal(["/lib/ld-musl-aarch64.so.1", "/lib/ld-musl-armhf.so.1"], image.Verification.Entries.Select(e => e.Binary!.Report.Interpreter));
        Assert.All(glibc.Results, r => Assert.StartsWith($"hello from {r.Platform}, libc: glibc", r.SmokeOutput, StringComparison.Ordinal));
        Assert.Contains("needs the dynamic loader /lib/ld-linux-aarch64.so.1, which the image does not have", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("gnu-app")));
    }

    private async Task<ImageAssembly> BaseAsync(string rootfs, string kind)
        => await ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().EnableBaseOnly().SetEpoch(0).SetPlatforms("linux/amd64", "linux/arm64", "linux/arm/v7")
                .AddLayer(Path.Combine(rootfs, "static.tar")).AddLayer(Path.Combine(rootfs, kind + "-{arch}{variant}.tar")).SetOciLayout(dir.Combine(kind)),
            TestContext.Current.CancellationToken);

    private ImageAssemblySettings Settings(string libc) => new ImageAssemblySettings().SetEpoch(0).SetPlatforms("linux/arm64", "linux/arm/v7")
        .SetBinaries(dir.Combine(libc + "/{os}_{arch}[_{variant}]/{name}")).SetBase(dir.Combine("musl"));

    private async Task<GoBuildReport> BuildAsync(string sample, Libc libc, string output)
    {
        await Requires.GoAsync();
        var report = await GoTasks.BuildAsync(
            s => s.SetPlatforms("linux/arm64", "linux/arm/v7").SetWorkingDirectory(sample).EnableCgo().SetLibc(libc).EnableStripSymbols().SetName("app")
                .SetOutput(dir.Combine(output + "/{os}_{arch}[_{variant}]/{name}")).SetSmokeArguments(),
            cancellationToken: TestContext.Current.CancellationToken);
        return report.EnsureSucceeded();
    }

    // Shared by the tests of a run; the script itself caches by its own hash, so a second run downloads nothing.
    private static async Task<string> WriteRootfsAsync()
    {
        if (Environment.UserName != "root")
        {
            Requires.Unavailable("eng/base-images.sh downloads with a private apt state as root; run the tests as root (CI does)");
        }

        var target = Path.Combine(Environment.GetEnvironmentVariable("CROSSBUILD_STATE") ?? "/var/lib/crossbuild", "tests-rootfs");
        // A docker that always fails: the --rootfs path must never call the engine.
        var env = new Dictionary<string, string?> { ["CROSSBUILD_DOCKER"] = "/bin/false" };
        var result = await Tool.RunAsync("bash", [Path.Combine(RepoPaths.Root, "eng", "base-images.sh"), "--rootfs", target], env, RepoPaths.Root);
        Assert.True(result.Succeeded, result.StdOut + result.StdErr);
        return target;
    }

    private static JsonElement Config(string layout, string manifestDigest)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Blob(layout, manifestDigest)));
        using var config = JsonDocument.Parse(File.ReadAllBytes(Blob(layout, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!)));
        return config.RootElement.Clone();
    }

    private static string Blob(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);
}

using System.Formats.Tar;
using System.Text.Json;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Engine;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>Assembling on a base image: each platform's base layers first (copied and checked), its environment kept, our layer on top.</summary>
public sealed class AssemblyBaseSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task An_oci_layout_base_gives_each_platform_its_own_base_layers_and_environment()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        dir.Write("ca.pem", "certificate\n");
        await ImageAssemblyTasks.AssembleAsync(Settings(source, Platform.LinuxAmd64, Platform.LinuxArm64).SetBinaryDirectory("/opt/base").AddFile(dir.Combine("ca.pem"), "/etc/ssl/certs/ca.crt")
            .AddEnvironmentVariable("SSL_CERT_FILE", "/etc/ssl/certs/ca.crt").SetWorkingDirectory("/srv").SetOciLayout("base"), TestContext.Current.CancellationToken);

        var app = await ImageAssemblyTasks.AssembleAsync(Settings(source, Platform.LinuxAmd64, Platform.LinuxArm64).SetBase(dir.Combine("base")).AddEnvironmentVariable("MODE", "prod").SetOciLayout("app"), TestContext.Current.CancellationToken);

        using var verified = new OciLayoutSource(dir.Combine("app"));
        Assert.True((await ImageVerifier.VerifyAsync(verified, [Platform.LinuxAmd64, Platform.LinuxArm64], "/opt/base/hello", cancellationToken: TestContext.Current.CancellationToken)).Ok);
        var manifest = Json(dir.Combine("app"), app.Platforms[1].ManifestDigest);
        var layers = manifest.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()).ToList();
        Assert.Equal(2, layers.Count);
        Assert.Equal(Names(dir.Combine("base"), layers[0]!), ["etc/", "etc/ssl/", "etc/ssl/certs/", "etc/ssl/certs/ca.crt", "opt/", "opt/base/", "opt/base/hello"]);
        var config = Json(dir.Combine("app"), manifest.GetProperty("config").GetProperty("digest").GetString()!).GetProperty("config");
        Assert.Equal(["PATH=" + ImageAssemblySettings.DefaultPath, "SSL_CERT_FILE=/etc/ssl/certs/ca.crt", "MODE=prod"], config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("/srv", config.GetProperty("WorkingDir").GetString());
        var annotations = manifest.GetProperty("annotations");
        Assert.Equal(dir.Combine("base"), annotations.GetProperty("org.opencontainers.image.base.name").GetString());
        Assert.StartsWith("sha256:", annotations.GetProperty("org.opencontainers.image.base.digest").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_without_a_planned_platform_is_one_line_and_nothing_is_written()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        await ImageAssemblyTasks.AssembleAsync(Settings(source, Platform.LinuxAmd64, Platform.LinuxArm64).SetOciLayout("base"), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ImageSourceException>(() => ImageAssemblyTasks.AssembleAsync(Settings(source, Platform.LinuxAmd64, Platform.LinuxArmV7).SetBase(dir.Combine("base")).SetOciLayout("app"), TestContext.Current.CancellationToken));

        Assert.Equal($"the base {dir.Combine("base")} has no linux/arm/v7: expected it among linux/amd64, linux/arm64; build the base for it or leave the platform out", error.Message);
        Assert.False(Directory.Exists(dir.Combine("app")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(source), e => Path.GetFileName(e).StartsWith(".crossbuild", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_engine_runs_a_binary_assembled_on_the_local_glibc_base_from_the_registry()
    {
        await Requires.BaseImagesAsync();
        await Requires.EmulatorAsync("linux/arm/v7");
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var tag = $"crossbuild-assembled/glibc:{Guid.NewGuid():n}";
        await ImageAssemblyTasks.AssembleAsync(
            Settings(source, Platform.LinuxAmd64, Platform.LinuxArmV7).SetBase($"{Requires.Registry}/crossbuild/glibc:12").SetTag(tag).SetArchive("image.tar"), TestContext.Current.CancellationToken);

        using var engine = await DockerEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            await engine.LoadAsync(Path.Combine(source, "image.tar"), TestContext.Current.CancellationToken);
            var run = await engine.RunAsync(new ContainerRunSettings { Image = tag, Platform = "linux/arm/v7", Pull = false }, TestContext.Current.CancellationToken);
            Assert.Equal((0L, "hello from linux/arm/v7"), (run.ExitCode, run.Output));
        }
        finally
        {
            await engine.RemoveImageAsync(tag, TestContext.Current.CancellationToken);
        }
    }

    private static ImageAssemblySettings Settings(string source, params Platform[] platforms)
        => new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(0).SetPlatforms([.. platforms.Select(p => p.ToString())]);

    private static JsonElement Json(string layout, string digest)
        => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]))).RootElement.Clone();

    private static List<string> Names(string layout, string digest)
    {
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..])), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }
}

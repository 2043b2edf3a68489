using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>
/// Where assembly reads its base and writes its layout (base-only images, no Go needed): <c>--oci</c> replaces only an
/// OCI layout, a missing <c>--base</c> path is an error rather than a Docker Hub image, and a base's sha512 layers land
/// where layout readers look for them.
/// </summary>
public sealed class LayoutTargetSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public LayoutTargetSpecs() => dir.Write("motd", "hello\n");

    public void Dispose() => dir.Dispose();

    private Task<ImageAssembly> AssembleAsync(Func<ImageAssemblySettings, ImageAssemblySettings> configure)
        => ImageAssemblyTasks.AssembleAsync(
            configure(new ImageAssemblySettings().SetSourceDirectory(dir.Path).EnableBaseOnly().AddFile(dir.Combine("motd"), "/etc/motd").SetEpoch(0).SetPlatforms("linux/amd64")),
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_oci_target_holding_a_layout_marker_and_a_source_tree_is_never_replaced()
    {
        dir.Write("out/oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
        dir.Write("out/src/main.go", "package main\n");
        dir.Write("out/go.mod", "module example.com/app\n");

        var error = await Assert.ThrowsAsync<InputException>(() => AssembleAsync(s => s.SetOciLayout("out")));

        Assert.StartsWith($"cannot write the OCI layout to {dir.Combine("out")}: expected a new or empty directory or an OCI layout to replace", error.Message, StringComparison.Ordinal);
        Assert.Equal(["go.mod", "oci-layout", "src"], Directory.GetFileSystemEntries(dir.Combine("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(dir.Combine("out", "src", "main.go")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(dir.Path), e => Path.GetFileName(e).StartsWith(".crossbuild", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_layout_written_before_is_replaced()
    {
        await AssembleAsync(s => s.SetOciLayout("out"));
        dir.Write("motd", "changed\n");

        var second = await AssembleAsync(s => s.SetOciLayout("out"));

        Assert.Contains(second.IndexDigest, await File.ReadAllTextAsync(dir.Combine("out", "index.json"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_base_path_is_one_line_and_never_a_docker_hub_image()
    {
        var error = await Assert.ThrowsAsync<ImageSourceException>(() => AssembleAsync(s => s.SetBase("crossbuild-missing-bases/glibc").SetOciLayout("app")));

        Assert.Equal("expected an OCI layout or archive at crossbuild-missing-bases/glibc, found nothing; for a registry image write docker.io/crossbuild-missing-bases/glibc or host/crossbuild-missing-bases/glibc", error.Message);
        Assert.False(Directory.Exists(dir.Combine("app")));
    }

    [Fact]
    public async Task A_base_with_a_sha512_layer_is_carried_into_the_image()
    {
        await AssembleAsync(s => s.SetOciLayout("base"));
        var layer = ToSha512Layer(dir.Combine("base"));
        dir.Write("motd", "app\n");

        await AssembleAsync(s => s.SetBase(dir.Combine("base")).SetOciLayout("app"));

        Assert.True(File.Exists(dir.Combine("app", "blobs", "sha512", layer)));
        Assert.False(File.Exists(dir.Combine("app", "blobs", "sha256", layer)));
    }

    // Rewrites the layout's one layer under its sha512 digest (manifest, index and index.json follow); returns the hex.
    private static string ToSha512Layer(string layout)
    {
        string Blob(string digest) => Path.Combine(layout, "blobs", digest.Split(':')[0], digest.Split(':')[1]);
        string Write(byte[] bytes)
        {
            var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
            File.WriteAllBytes(Path.Combine(layout, "blobs", "sha256", hex), bytes);
            return "sha256:" + hex;
        }

        var top = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        var index = JsonNode.Parse(File.ReadAllText(Blob(top["manifests"]![0]!["digest"]!.GetValue<string>())))!;
        var manifest = JsonNode.Parse(File.ReadAllText(Blob(index["manifests"]![0]!["digest"]!.GetValue<string>())))!;
        var old = manifest["layers"]![0]!["digest"]!.GetValue<string>();
        var bytes = File.ReadAllBytes(Blob(old));
        var hex512 = Convert.ToHexStringLower(SHA512.HashData(bytes));
        Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha512"));
        File.WriteAllBytes(Path.Combine(layout, "blobs", "sha512", hex512), bytes);
        File.Delete(Blob(old));
        manifest["layers"]![0]!["digest"] = "sha512:" + hex512;
        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        index["manifests"]![0]!["digest"] = Write(manifestBytes);
        index["manifests"]![0]!["size"] = manifestBytes.Length;
        var indexBytes = Encoding.UTF8.GetBytes(index.ToJsonString());
        top["manifests"]![0]!["digest"] = Write(indexBytes);
        top["manifests"]![0]!["size"] = indexBytes.Length;
        File.WriteAllText(Path.Combine(layout, "index.json"), top.ToJsonString());
        return hex512;
    }
}

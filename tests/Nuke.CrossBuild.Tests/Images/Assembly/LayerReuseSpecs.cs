using System.Security.Cryptography;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>
/// Layers already in the layout an assembly replaces: taken over (hash-checked) when the verdict record says the same
/// inputs made them under the same recipe, written again for a changed binary, another epoch or a blob that changed.
/// </summary>
public sealed class LayerReuseSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task An_unchanged_layer_is_taken_from_the_layout_it_replaces_and_a_changed_binarys_layer_is_written_again()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var first = await AssembleAsync(source, s => s);
        var second = await AssembleAsync(source, s => s);
        await using (var file = File.Open(Path.Combine(source, "bin", "linux_arm64", "hello"), FileMode.Append))
        {
            file.WriteByte(0); // still a valid arm64 binary, one byte longer
        }

        var third = await AssembleAsync(source, s => s);

        Assert.Equal(0, first.ReusedLayers);
        Assert.Equal(3, second.ReusedLayers);
        Assert.Equal(first.IndexDigest, second.IndexDigest);
        Assert.Equal(2, third.ReusedLayers);
        Assert.Equal([true, false, true], second.Platforms.Zip(third.Platforms, (b, a) => b.ManifestDigest == a.ManifestDigest));
        Assert.Equal(third.IndexDigest, (await AssembleAsync(source, s => s.SetVerdictRecord(null))).IndexDigest); // as if written from scratch
        AssertBlobsMatchTheirNames(Path.Combine(source, "out"));
    }

    [Fact]
    public async Task A_blob_changed_in_the_old_layout_is_not_carried_over_but_written_again()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var first = await AssembleAsync(source, s => s);
        var blobs = Path.Combine(source, "out", "blobs", "sha256");
        var layer = Directory.GetFiles(blobs).OrderByDescending(f => new FileInfo(f).Length).First(); // a binary's layer
        var bytes = File.ReadAllBytes(layer);
        bytes[^100] ^= 0xff; // same length, other bytes
        File.WriteAllBytes(layer, bytes);

        var second = await AssembleAsync(source, s => s);

        Assert.Equal(2, second.ReusedLayers);
        Assert.Equal(first.IndexDigest, second.IndexDigest);
        AssertBlobsMatchTheirNames(Path.Combine(source, "out"));
    }

    [Fact]
    public async Task A_layer_recorded_for_another_epoch_or_without_a_record_is_written_again()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        await AssembleAsync(source, s => s);

        var otherEpoch = await AssembleAsync(source, s => s.SetEpoch(1));
        var noRecord = await AssembleAsync(source, s => s.SetVerdictRecord(null));

        Assert.Equal(0, otherEpoch.ReusedLayers);
        Assert.Equal(0, noRecord.ReusedLayers);
    }

    [Fact]
    public async Task Platforms_whose_top_layers_are_the_same_bytes_write_them_side_by_side_into_one_blob()
    {
        // Every platform's top layer is written at once: eight platforms with the same files race for one blob name.
        File.WriteAllText(dir.Combine("motd"), "same on every platform\n");
        var eight = new[] { "linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6", "linux/386", "linux/ppc64le", "linux/s390x", "linux/riscv64" };
        Task<ImageAssembly> Assemble(string layout) => ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().SetSourceDirectory(dir.Path).EnableBaseOnly().AddFile(dir.Combine("motd"), "/etc/motd").SetEpoch(0)
                .SetPlatforms(eight).SetOciLayout(layout).SetVerdictRecord("verdicts"),
            TestContext.Current.CancellationToken);

        var first = await Assemble("a");
        var second = await Assemble("b");

        Assert.Equal(first.IndexDigest, second.IndexDigest);
        var layers = Directory.GetFiles(Path.Combine(dir.Path, "a", "blobs", "sha256"));
        Assert.Equal(1 + 8 + 8 + 1, layers.Length); // one shared layer, eight configs, eight manifests, the index
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "a", "blobs", "sha256"), ".*"));
        AssertBlobsMatchTheirNames(Path.Combine(dir.Path, "a"));
    }

    private static void AssertBlobsMatchTheirNames(string layout) => Assert.All(
        Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")),
        f => Assert.Equal(Path.GetFileName(f), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))));

    private static Task<ImageAssembly> AssembleAsync(string source, Func<ImageAssemblySettings, ImageAssemblySettings> configure)
        => ImageAssemblyTasks.AssembleAsync(
            configure(new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(0)
                .SetPlatforms([.. AssemblyInputs.Platforms.Select(p => p.ToString())]).EnableStatic()
                .SetOciLayout("out").SetVerdictRecord("verdicts")),
            TestContext.Current.CancellationToken);
}

using System.IO.Compression;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Tests.Images.Assembly;
using Nuke.CrossBuild.Tests.Infra;
using HashingWriteStream = Nuke.CrossBuild.Tests.Infra.HashingWriteStream;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// A PAX header or GNU long name is refused by its declared size before any reader holds it in memory: the review's
/// 972 KB layer whose 1,000,000,000-character path took 2.98 GB, here with a 64 MiB path (a 64 KB gzip) in each of the
/// three places that read tar: a layer being verified, an OCI layout tarball and a <c>--layer</c> root file system.
/// </summary>
public sealed class TarMetadataBoundSpecs : IDisposable
{
    private const int HugePath = 64 << 20;
    private const long MostAllocated = 32L << 20; // without the bound: the 64 MiB block, then a 128 MiB string
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task A_layer_with_a_huge_pax_path_fails_verification_in_one_line_without_reading_the_header()
    {
        var layout = new OciLayoutBuilder { EncodeLayer = _ => HugePaxLayer() }.Add("linux/arm64", [[]], ["/app"]).Write(dir.Combine("layout"));
        using var source = new OciLayoutSource(layout);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var result = await ImageVerifier.VerifyAsync(source, PlatformSelection.Of(["linux/arm64"]).Expand(), cancellationToken: TestContext.Current.CancellationToken);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < MostAllocated, $"{allocated} bytes were allocated: the header was read");
        var problem = Assert.Single(result.Problems);
        Assert.Contains("expected a tar metadata entry ('x') of at most 65536 bytes, got", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void An_oci_layout_tarball_with_a_huge_pax_path_is_refused_in_one_line_without_reading_the_header()
    {
        var tar = dir.Combine("layout.tar");
        using (var file = File.Create(tar))
        {
            RawTar.WriteHugePaxPath(file, HugePath);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ImageSourceException>(() => new OciArchiveSource(tar).Dispose());

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < MostAllocated, $"{allocated} bytes were allocated: the header was read");
        Assert.StartsWith($"{tar} is not a valid tar archive (expected a tar metadata entry ('x') of at most 65536 bytes, got ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_rootfs_with_a_huge_pax_path_is_refused_in_one_line_without_reading_the_header()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var rootfs = dir.Combine("rootfs.tar.gz");
        await using (var file = File.Create(rootfs))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            RawTar.WriteHugePaxPath(gzip, HugePath);
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<LayerContentException>(() => ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(0).SetPlatforms("linux/arm64")
                .AddLayer(rootfs).SetOciLayout(dir.Combine("out")),
            TestContext.Current.CancellationToken));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < MostAllocated, $"{allocated} bytes were allocated: the header was read");
        Assert.StartsWith($"{rootfs} is not a valid tar archive (expected a tar metadata entry ('x') of at most 65536 bytes, got ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    // The review's layer: one PAX header with a huge path, gzip (64 MiB of 'a' is about 64 KB), its diff_id correct.
    private static (byte[] Blob, string DiffId) HugePaxLayer()
    {
        using var blob = new MemoryStream();
        string diffId;
        using (var gzip = new GZipStream(blob, CompressionLevel.Fastest, leaveOpen: true))
        using (var hashed = new HashingWriteStream(gzip))
        {
            RawTar.WriteHugePaxPath(hashed, HugePath);
            diffId = hashed.Digest;
        }

        return (blob.ToArray(), diffId);
    }
}

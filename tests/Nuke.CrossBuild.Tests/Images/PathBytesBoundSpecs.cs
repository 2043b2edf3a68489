using System.Formats.Tar;
using System.IO.Compression;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using HashingWriteStream = Nuke.CrossBuild.Tests.Infra.HashingWriteStream;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// The paths kept while an image is verified are bounded in total, not only per entry and in count: the attack's
/// 200,000 entries of 3,900-character paths (a 6.6 MB layout) took 4.31 GB, and the entry and path limits together
/// allowed about 43 GB. Here 3,000 such entries (11 MiB of paths) against a 1 MiB <see cref="ImageReadLimits.MaxPathBytesTotal"/>.
/// </summary>
public sealed class PathBytesBoundSpecs : IDisposable
{
    private const int Entries = 3_000, PathLength = 3_900, Limit = 1 << 20;
    private const long MostAllocated = 48L << 20; // without the bound every entry is read and kept: 1.25 GB allocated for 10,000 entries, so about 0.37 GB here
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Paths_over_the_total_bound_fail_verification_in_one_line_as_they_are_read()
    {
        var layout = new OciLayoutBuilder { EncodeLayer = _ => LongPathsLayer() }.Add("linux/arm64", [[]], ["/app"]).Write(dir.Combine("layout"));
        using var source = new OciLayoutSource(layout);
        var limits = new ImageReadLimits { MaxPathBytesTotal = Limit };
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var result = await ImageVerifier.VerifyAsync(source, PlatformSelection.Of(["linux/arm64"]).Expand(), limits: limits, cancellationToken: TestContext.Current.CancellationToken);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < MostAllocated, $"{allocated} bytes were allocated: the paths were kept");
        TestContext.Current.TestOutputHelper?.WriteLine($"{allocated} bytes allocated");
        var problem = Assert.Single(result.Problems);
        Assert.Contains($"expected at most {Limit} bytes of tar entry paths over all layers (ImageReadLimits.MaxPathBytesTotal), got more", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void The_default_total_is_64_MiB()
        => Assert.Equal(64L << 20, ImageReadLimits.Default.MaxPathBytesTotal);

    // The attack's layer, scaled down: PAX paths of 3,900 characters in 200-character components, gzip, its diff_id correct.
    private static (byte[] Blob, string DiffId) LongPathsLayer()
    {
        using var blob = new MemoryStream();
        string diffId;
        using (var gzip = new GZipStream(blob, CompressionLevel.Fastest, leaveOpen: true))
        using (var hashed = new HashingWriteStream(gzip))
        {
            using (var writer = new TarWriter(hashed, TarEntryFormat.Pax, leaveOpen: true))
            {
                for (var i = 0; i < Entries; i++)
                {
                    var name = $"{i:D8}" + new string('a', PathLength - 8);
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, string.Join('/', name.Chunk(200).Select(c => new string(c)))));
                }
            }

            diffId = hashed.Digest;
        }

        return (blob.ToArray(), diffId);
    }
}

using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Oci;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// The bounds on reads of untrusted content, tested at their edges (fast, no server): the documented defaults are the
/// ones in force, and a whole-body read takes exactly its limit and fails one byte past it. Written to kill the mutants
/// <c>./build.sh Mutate</c> found surviving.
/// </summary>
public sealed class BoundCheckSpecs
{
    [Fact]
    public void The_default_limits_are_the_documented_ones()
    {
        var limits = ImageReadLimits.Default;

        Assert.Equal(4L << 20, limits.MaxManifestBytes);
        Assert.Equal(512L << 20, limits.MaxBinaryBytes);
        Assert.Equal(16L << 30, limits.MaxLayerBytes);
        Assert.Equal(32L << 30, limits.MaxUncompressedLayerBytes);
        Assert.Equal(2_000_000, limits.MaxEntries);
        Assert.Equal(4096, limits.MaxPathLength);
        Assert.Equal(TimeSpan.FromSeconds(30), limits.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), limits.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), limits.CredentialHelperTimeout);
        Assert.Equal(limits, new ImageReadLimits());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(81920)]
    [InlineData(200_000)]
    public async Task A_body_of_exactly_the_limit_is_read_whole(int size)
    {
        var body = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();

        var read = await BoundedRead.AllAsync(new MemoryStream(body), size, "the manifest", m => new CrossBuildException(m), TestContext.Current.CancellationToken);

        Assert.Equal(body, read);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(81920)]
    [InlineData(200_000)]
    public async Task One_byte_past_the_limit_is_an_error_naming_the_limit(int limit)
    {
        var body = new byte[limit + 1];

        var error = await Assert.ThrowsAsync<CrossBuildException>(() => BoundedRead.AllAsync(new MemoryStream(body), limit, "the manifest", m => new CrossBuildException(m), TestContext.Current.CancellationToken));

        Assert.Equal($"the manifest is larger than {limit} bytes (the limit)", error.Message);
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>
/// A <c>--layer</c> root file system whose names the layer cannot hold is refused as each entry is read, so the names
/// kept until the layer is written are bounded by entries × 255 characters: the attack of 20,000 entries with
/// 65,000-character PAX paths (2.9 MB .tar.gz) took 2.62 GB, every name kept until the ustar check after the last entry,
/// and the refusal printed the whole name. Here 1,000 such entries; and an empty root file system is one line naming it.
/// </summary>
public sealed class RootfsNameBoundSpecs : IDisposable
{
    private const int Entries = 1_000, NameLength = 65_000;
    private const long MostAllocated = 32L << 20; // without the check at read time: 296 MB allocated (130 MB of names kept); with it, about 0.4 MB
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Names_the_layer_cannot_hold_are_refused_as_read_and_shown_shortened()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var rootfs = dir.Combine("long.tar.gz");
        await using (var file = File.Create(rootfs))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            for (var i = 0; i < Entries; i++)
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, $"{i:D8}" + new string('a', NameLength - 8)), TestContext.Current.CancellationToken);
            }
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<LayerContentException>(() => AssembleAsync(source, rootfs));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < MostAllocated, $"{allocated} bytes were allocated: the names were kept");
        TestContext.Current.TestOutputHelper?.WriteLine($"{allocated} bytes allocated");
        Assert.StartsWith($"{rootfs}: cannot write 00000000aaaa", error.Message, StringComparison.Ordinal);
        Assert.Contains($"… ({NameLength} characters) into a layer: expected a name of at most 255 characters", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < rootfs.Length + 400, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public async Task A_link_target_the_layer_cannot_hold_is_refused_as_read()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var rootfs = dir.Combine("link.tar");
        await using (var file = File.Create(rootfs))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "l") { LinkName = new string('t', 5000) }, TestContext.Current.CancellationToken);
        }

        var error = await Assert.ThrowsAsync<LayerContentException>(() => AssembleAsync(source, rootfs));

        Assert.Equal($"{rootfs}: cannot write l into a layer: expected a link target of at most 100 bytes (ustar), got {new string('t', 80)}… (5000 characters)", error.Message);
    }

    [Theory]
    [InlineData("zeros.tar")]
    [InlineData("zeros.tar.gz")]
    [InlineData("root-only.tar.gz")]
    public async Task An_empty_rootfs_is_one_line_naming_it(string name)
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var rootfs = dir.Combine(name);
        await using (var file = File.Create(rootfs))
        await using (var output = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file)
        {
            if (name == "root-only.tar.gz")
            {
                await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "./"), TestContext.Current.CancellationToken);
            }
            else
            {
                await output.WriteAsync(new byte[1024], TestContext.Current.CancellationToken); // what tar -cf x.tar -T /dev/null writes
            }
        }

        var error = await Assert.ThrowsAsync<LayerContentException>(() => AssembleAsync(source, rootfs));

        Assert.Equal($"{rootfs}: no files or directories besides the root; expected a root file system of a runtime base", error.Message);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    private Task<ImageAssembly> AssembleAsync(string source, string rootfs)
        => ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(0).SetPlatforms("linux/arm64")
                .AddLayer(rootfs).SetOciLayout(dir.Combine("out")),
            TestContext.Current.CancellationToken);
}

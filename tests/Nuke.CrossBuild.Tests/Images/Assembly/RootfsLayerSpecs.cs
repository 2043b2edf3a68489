using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>Root file system tarballs (a runtime base from Debian packages) laid below the binary, reproducibly.</summary>
public sealed class RootfsLayerSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task The_same_files_in_another_order_with_other_times_give_the_same_layer()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        Directory.CreateDirectory(dir.Combine("a"));
        Directory.CreateDirectory(dir.Combine("b"));
        Rootfs("a/rootfs.tar", reverse: false, time: 1_000);
        Rootfs("b/rootfs.tar", reverse: true, time: 2_000_000);

        var one = await AssembleAsync(source, "a/rootfs.tar", "one");
        var two = await AssembleAsync(source, "b/rootfs.tar", "two");

        Assert.Equal(one.IndexDigest, two.IndexDigest);
    }

    [Fact]
    public async Task Entries_are_sorted_stamped_with_the_epoch_and_keep_owners_links_and_modes()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        Rootfs("rootfs.tar", reverse: true, time: 5);

        var assembly = await AssembleAsync(source, "rootfs.tar", "out");

        var entries = Layer(dir.Combine("out"), assembly.Platforms[0].ManifestDigest, index: 0);
        Assert.Equal(["home/", "home/nonroot/", "lib", "usr/", "usr/lib/", "usr/lib/libc-copy.so", "usr/lib/libc.so.6"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal((0L, string.Empty), (e.ModificationTime.ToUnixTimeSeconds(), ((PosixTarEntry)e).UserName)));
        Assert.Equal((65532, 65532), (entries[1].Uid, entries[1].Gid));
        Assert.Equal((TarEntryType.SymbolicLink, "usr/lib"), (entries[2].EntryType, entries[2].LinkName));
        Assert.Equal(TarEntryType.RegularFile, entries[5].EntryType); // the hard link became a copy: sorting put it before its target
        Assert.Equal("libc\n"u8.ToArray(), Content(entries[5]));
        Assert.Equal((UnixFileMode)0b111_101_101, entries[6].Mode);
    }

    [Theory]
    [InlineData(TarEntryType.Fifo, "./dev/fifo", "is a Fifo entry; expected directories, regular files and links only")]
    [InlineData(TarEntryType.RegularFile, "../escape", "the entry ../escape leaves the root")]
    public async Task Devices_fifos_and_names_outside_the_root_are_refused_in_one_line(TarEntryType type, string name, string message)
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        await using (var file = File.Create(dir.Combine("bad.tar")))
        await using (var writer = new TarWriter(file, TarEntryFormat.Ustar))
        {
            await writer.WriteEntryAsync(new UstarTarEntry(type, name), TestContext.Current.CancellationToken);
        }

        var error = await Assert.ThrowsAsync<LayerContentException>(() => AssembleAsync(source, "bad.tar", "out"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    private Task<ImageAssembly> AssembleAsync(string source, string tarball, string output)
        => ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(0).SetPlatforms("linux/arm64", "linux/arm/v7")
                .AddLayer(dir.Combine(tarball)).SetOciLayout(dir.Combine(output)),
            TestContext.Current.CancellationToken);

    // A tiny root file system as tar -C rootfs -cf x.tar . writes it: ./ names, a merged-/usr link, a hard link, a non-root home.
    private void Rootfs(string name, bool reverse, long time)
    {
        var mtime = DateTimeOffset.FromUnixTimeSeconds(time);
        var entries = new List<TarEntry>
        {
            new UstarTarEntry(TarEntryType.Directory, "./") { ModificationTime = mtime },
            new UstarTarEntry(TarEntryType.Directory, "./usr/") { ModificationTime = mtime },
            new UstarTarEntry(TarEntryType.Directory, "./usr/lib/") { ModificationTime = mtime },
            new UstarTarEntry(TarEntryType.RegularFile, "./usr/lib/libc.so.6") { ModificationTime = mtime, Mode = (UnixFileMode)0b111_101_101, DataStream = new MemoryStream("libc\n"u8.ToArray()) },
            new UstarTarEntry(TarEntryType.HardLink, "./usr/lib/libc-copy.so") { ModificationTime = mtime, LinkName = "./usr/lib/libc.so.6" },
            new UstarTarEntry(TarEntryType.SymbolicLink, "./lib") { ModificationTime = mtime, LinkName = "usr/lib" },
            new UstarTarEntry(TarEntryType.Directory, "./home/") { ModificationTime = mtime },
            new UstarTarEntry(TarEntryType.Directory, "./home/nonroot/") { ModificationTime = mtime, Uid = 65532, Gid = 65532, UserName = "nonroot" },
        };
        using var file = File.Create(dir.Combine(name));
        using var writer = new TarWriter(file, TarEntryFormat.Ustar);
        // Reversed, the hard link still follows its target (tar requires that); the rest changes order.
        foreach (var entry in reverse ? [.. entries.Take(5), .. Enumerable.Reverse(entries.Skip(5))] : entries)
        {
            writer.WriteEntry(entry);
        }
    }

    private static List<TarEntry> Layer(string layout, string manifestDigest, int index)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", manifestDigest["sha256:".Length..])));
        var digest = manifest.RootElement.GetProperty("layers")[index].GetProperty("digest").GetString()!;
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..])), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static byte[] Content(TarEntry entry)
    {
        using var copy = new MemoryStream();
        entry.DataStream!.CopyTo(copy);
        return copy.ToArray();
    }
}

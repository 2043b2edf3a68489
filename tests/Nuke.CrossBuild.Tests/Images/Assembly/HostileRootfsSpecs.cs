using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Tests.Cli;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>A <c>--layer</c> root file system tarball made by an attacker: bounded, one line for every refusal, and the layer is what <c>tar -x</c> would leave.</summary>
public sealed class HostileRootfsSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Hard_links_count_against_the_rootfs_bound()
    {
        // 33 names for one 32 MiB file: 1056 MiB of layer from a .tar.gz of about 32 KB (the review: 64 KB → 1.56 GiB).
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        await WriteRootfsAsync("links.tar.gz", gzip: true, [
            new PaxTarEntry(TarEntryType.RegularFile, "f") { DataStream = new ZeroStream(32L << 20) },
            .. Enumerable.Range(0, 32).Select(i => new PaxTarEntry(TarEntryType.HardLink, $"link{i}") { LinkName = "f" }),
        ]);

        var error = await Assert.ThrowsAsync<LayerContentException>(() => AssembleAsync(source, "links.tar.gz"));

        Assert.Equal($"{dir.Combine("links.tar.gz")}: more than 1024 MiB of files; expected a root file system of a runtime base", error.Message);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Theory]
    [InlineData("random.tar")]
    [InlineData("negative.tar")]
    [InlineData("truncated.tar.gz")]
    [InlineData("long-part.tar")]
    public async Task A_malformed_or_unwritable_rootfs_is_one_line_naming_it_and_exit_1(string name)
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var path = dir.Combine(name);
        switch (name)
        {
            case "random.tar":
                var noise = new byte[8192];
                new Random(7).NextBytes(noise);
                await File.WriteAllBytesAsync(path, noise, TestContext.Current.CancellationToken);
                break;
            case "negative.tar":
                await File.WriteAllBytesAsync(path, [.. RawTar.Header("f", '0', -1), .. RawTar.End()], TestContext.Current.CancellationToken);
                break;
            case "truncated.tar.gz":
                var content = new byte[100_000];
                new Random(7).NextBytes(content);
                await WriteRootfsAsync(name, gzip: true, [new PaxTarEntry(TarEntryType.RegularFile, "f") { DataStream = new MemoryStream(content) }]);
                var whole = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
                await File.WriteAllBytesAsync(path, whole[..(whole.Length / 2)], TestContext.Current.CancellationToken);
                break;
            default:
                // A 200-character name part: within 255 in all, yet ustar's prefix/name split cannot place it.
                await WriteRootfsAsync(name, gzip: false, [new PaxTarEntry(TarEntryType.RegularFile, "etc/" + new string('n', 200))]);
                break;
        }

        var (exitCode, _, stderr) = CliRunner.Run("image", "assemble", Path.Combine(source, AssemblyInputs.Pattern), "--platforms", "linux/arm64", "--layer", path, "--oci", dir.Combine("out"), "--epoch", "0");

        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.True(exitCode == 1, stderr);
        Assert.StartsWith(name == "long-part.tar" ? $"crossbuild: {path}: cannot write etc/nnnnn" : $"crossbuild: {path} is not a valid tar archive (", line, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public async Task A_later_entry_replaces_an_earlier_one_at_the_same_path_be_it_a_file_or_a_directory()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        await WriteRootfsAsync("same.tar", gzip: false, [
            new PaxTarEntry(TarEntryType.Directory, "a/"),
            new PaxTarEntry(TarEntryType.RegularFile, "a") { DataStream = new MemoryStream("file"u8.ToArray()) },
            new PaxTarEntry(TarEntryType.RegularFile, "b") { DataStream = new MemoryStream("file"u8.ToArray()) },
            new PaxTarEntry(TarEntryType.Directory, "b/"),
            new PaxTarEntry(TarEntryType.RegularFile, "b/c"),
        ]);

        var assembly = await AssembleAsync(source, "same.tar");

        var entries = LayerEntries(dir.Combine("out"), assembly.Platforms[0].ManifestDigest);
        Assert.Equal([("a", TarEntryType.RegularFile), ("b/", TarEntryType.Directory), ("b/c", TarEntryType.RegularFile)], entries);
    }

    [Theory]
    [InlineData("etc/.wh.passwd", "a whiteout")]
    [InlineData("etc/.wh..wh..opq", "a whiteout")]
    [InlineData("etc/passwd", "below etc, a SymbolicLink entry")]
    [InlineData("var/log", "below var, a RegularFile entry")]
    public async Task Whiteouts_and_entries_below_a_link_or_file_are_refused_in_one_line(string name, string message)
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        await WriteRootfsAsync("bad.tar", gzip: false, [
            new PaxTarEntry(TarEntryType.Directory, "var/"),
            new PaxTarEntry(TarEntryType.RegularFile, "var"),
            new PaxTarEntry(TarEntryType.SymbolicLink, "etc") { LinkName = "/abs/outside" },
            new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("root::0:0::/:/bin/sh\n"u8.ToArray()) },
        ]);

        var error = await Assert.ThrowsAsync<LayerContentException>(() => AssembleAsync(source, "bad.tar"));

        Assert.StartsWith($"{dir.Combine("bad.tar")}: {name} is ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("expected", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    private Task<ImageAssembly> AssembleAsync(string source, string tarball)
        => ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(0).SetPlatforms("linux/arm64")
                .AddLayer(dir.Combine(tarball)).SetOciLayout(dir.Combine("out")),
            TestContext.Current.CancellationToken);

    private async Task WriteRootfsAsync(string name, bool gzip, IEnumerable<TarEntry> entries)
    {
        await using var file = File.Create(dir.Combine(name));
        await using var output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var entry in entries)
        {
            await writer.WriteEntryAsync(entry, TestContext.Current.CancellationToken);
        }
    }

    // The rootfs layer (the first) of the assembled image: names and types in order.
    private static List<(string Name, TarEntryType Type)> LayerEntries(string layout, string manifestDigest)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", manifestDigest["sha256:".Length..])));
        var digest = manifest.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!;
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..])), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<(string, TarEntryType)>();
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add((entry.Name, entry.EntryType));
        }

        return entries;
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Verification;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>Layouts and tarballs an attacker made: nothing is extracted or followed, every blob is checked against its digest, every read is bounded.</summary>
public sealed class HostileLayoutSpecs : IDisposable
{
    private static readonly byte[] Arm64 = new ElfFixture { Machine = 183 }.Build();
    private static readonly byte[] Amd64 = new ElfFixture { Machine = 62 }.Build();
    private static readonly string[] App = ["/app"];
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static OciLayoutBuilder Arm64App(OciLayoutBuilder? builder = null) => (builder ?? new OciLayoutBuilder()).Add("linux/arm64", [[LayerEntry.File("app", Arm64)]], App);

    private static async Task<ImageVerification> VerifyAsync(string target, ImageReadLimits? limits = null)
    {
        using var source = await ImageSources.OpenAsync(target, cancellationToken: TestContext.Current.CancellationToken);
        return await ImageVerifier.VerifyAsync(source, PlatformSelection.Of(["linux/arm64"]).Expand(), limits: limits, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_oci_tar_is_read_in_place_so_its_links_devices_and_fifos_create_nothing()
    {
        var victim = dir.Combine("victim");
        var layout = Arm64App().Write(dir.Combine("layout"));
        var tar = dir.Combine("evil.tar");
        await using (var stream = File.Create(tar))
        await using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            // The classic escape: a link to a directory outside, then a file written "through" it.
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "escape") { LinkName = victim }, TestContext.Current.CancellationToken);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "escape/pwned") { DataStream = new MemoryStream("owned"u8.ToArray()) }, TestContext.Current.CancellationToken);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.CharacterDevice, "dev/zero") { DeviceMajor = 1, DeviceMinor = 5 }, TestContext.Current.CancellationToken);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Fifo, "fifo"), TestContext.Current.CancellationToken);
            foreach (var file in Directory.GetFiles(layout, "*", SearchOption.AllDirectories))
            {
                await writer.WriteEntryAsync(file, Path.GetRelativePath(layout, file), TestContext.Current.CancellationToken);
            }
        }

        var result = await VerifyAsync(tar);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.False(Directory.Exists(victim) || File.Exists(victim), "the tar's link was followed");
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Path.GetTempPath(), "crossbuild-oci-*"), _ => true);
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "index.json")]
    [InlineData(TarEntryType.HardLink, "index.json")]
    [InlineData(TarEntryType.Fifo, "index.json")]
    [InlineData(TarEntryType.CharacterDevice, "oci-layout")]
    public async Task A_layout_file_that_is_not_a_regular_file_makes_the_tar_invalid(TarEntryType type, string name)
    {
        var tar = dir.Combine("evil.tar");
        await using (var stream = File.Create(tar))
        await using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(type, name);
            if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                entry.LinkName = "/dev/zero";
            }

            await writer.WriteEntryAsync(entry, TestContext.Current.CancellationToken);
        }

        var error = await Assert.ThrowsAsync<ImageSourceException>(() => VerifyAsync(tar));

        Assert.Equal($"{tar} is not a valid tar archive ({name} is a {type} entry; only regular files are read from a layout)", error.Message);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_fifo_named_index_json_is_refused_at_once_instead_of_blocking_forever()
    {
        var layout = Arm64App().Write(dir.Combine("layout"));
        File.Delete(Path.Combine(layout, "index.json"));
        Fifo.Make(Path.Combine(layout, "index.json"));

        var error = await Assert.ThrowsAsync<ImageSourceException>(() => VerifyAsync(layout));

        Assert.Contains("expected index.json to be a regular file, got a FIFO (named pipe)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_inside_a_layout_are_not_followed()
    {
        var layout = Arm64App().Write(dir.Combine("layout"));
        var index = Path.Combine(layout, "index.json");
        File.Move(index, dir.Combine("real-index.json"));
        File.CreateSymbolicLink(index, "/dev/zero");
        var blobs = Arm64App().Write(dir.Combine("other"));
        Directory.Move(Path.Combine(blobs, "blobs"), dir.Combine("elsewhere"));
        Directory.CreateSymbolicLink(Path.Combine(blobs, "blobs"), dir.Combine("elsewhere"));

        var toDevZero = await Assert.ThrowsAsync<ImageSourceException>(() => VerifyAsync(layout));
        var linkedBlobs = await Assert.ThrowsAsync<ImageSourceException>(() => VerifyAsync(blobs));

        Assert.Contains("expected index.json to be a regular file, got a symbolic link", toDevZero.Message, StringComparison.Ordinal);
        Assert.Contains("blobs must be a directory inside the layout, got a symbolic link", linkedBlobs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_layer_stored_under_another_digest_is_a_problem_naming_both_digests()
    {
        var layout = Arm64App(new OciLayoutBuilder { Gzip = false }).Write(dir.Combine("layout"));
        var manifest = FindManifest(layout);
        var layer = manifest["layers"]![0]!["digest"]!.GetValue<string>();
        var path = Path.Combine(layout, "blobs", "sha256", layer[7..]);
        var forged = OciLayoutBuilder.Tar([LayerEntry.File("app", Amd64)]);
        Assert.Equal(File.ReadAllBytes(path).Length, forged.Length); // same size: only the digest can tell
        File.WriteAllBytes(path, forged);

        var problem = Assert.Single((await VerifyAsync(layout)).Problems);

        Assert.Contains($"layer 1 of 1 {layer} does not match its digest: expected {layer}, got {OciLayoutBuilder.Digest(forged)}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_gzip_layer_is_caught_even_when_every_digest_was_made_to_match()
    {
        var image = Arm64App(new OciLayoutBuilder
        {
            EncodeLayer = tar =>
            {
                var gz = OciLayoutBuilder.CompressGzip(tar);
                var cut = gz[..^10];
                using var lenient = new GZipStream(new MemoryStream(cut), CompressionMode.Decompress);
                using var decoded = new MemoryStream();
                lenient.CopyTo(decoded); // what a reader that ignores truncation would see, and hash
                return (cut, OciLayoutBuilder.Digest(decoded.ToArray()));
            },
        });

        var problem = Assert.Single((await VerifyAsync(image.Write(dir.Combine("layout")))).Problems);

        Assert.True(problem.Contains("is a truncated or corrupt gzip stream", StringComparison.Ordinal), problem);
    }

    [Fact]
    public async Task A_layer_whose_content_is_not_its_diff_id_is_caught()
    {
        var image = Arm64App(new OciLayoutBuilder { EncodeLayer = tar => (OciLayoutBuilder.CompressGzip(tar), OciLayoutBuilder.Digest("other"u8.ToArray())) });

        var problem = Assert.Single((await VerifyAsync(image.Write(dir.Combine("layout")))).Problems);

        Assert.Contains("but the image config's diff_id for it is sha256:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_under_a_sha512_digest_it_does_not_have_is_caught_and_unknown_algorithms_are_refused()
    {
        var zeros = "sha512:" + new string('0', 128);
        var forged = Arm64App(new OciLayoutBuilder { EditManifest = m => (m["config"]!["digest"], m["config"]!["size"]) = (zeros, 14) }).PutRaw(zeros, """{"os":"linux"}"""u8.ToArray());
        var blake = Arm64App(new OciLayoutBuilder { EditManifest = m => m["config"]!["digest"] = "blake3:" + new string('0', 64) });

        var forgedProblem = Assert.Single((await VerifyAsync(forged.Write(dir.Combine("sha512")))).Problems);
        var blakeProblem = Assert.Single((await VerifyAsync(blake.Write(dir.Combine("blake3")))).Problems);

        Assert.Contains($"config {zeros} ", forgedProblem, StringComparison.Ordinal);
        Assert.True(forgedProblem.Contains($"expected {zeros}, got sha512:", StringComparison.Ordinal), forgedProblem);
        Assert.Contains("unsupported digest algorithm", blakeProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_layer_size_near_two_to_the_63_is_refused_in_one_line()
    {
        var image = Arm64App(new OciLayoutBuilder { EditManifest = m => m["layers"]![0]!["size"] = long.MaxValue - 10 });

        var result = await VerifyAsync(image.Write(dir.Combine("layout")));

        Assert.Contains($"declares {long.MaxValue - 10} bytes, more than the", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Equal(long.MaxValue, result.Entries[0].Size);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_binary_larger_than_the_limit_is_refused_without_being_written_anywhere()
    {
        // 1.1 GB of zeros is about 1 MB of gzip: the bomb of the issue.
        var image = new OciLayoutBuilder { EncodeLayer = _ => BombLayer(1_100_000_000) }.Add("linux/arm64", [[]], App);
        var layout = image.Write(dir.Combine("layout"));
        var freeBefore = new DriveInfo(Path.GetTempPath()).AvailableFreeSpace;

        var problem = Assert.Single((await VerifyAsync(layout)).Problems);

        Assert.Contains("/app is 1100000000 bytes, more than the 536870912-byte limit for a binary (--max-binary-size)", problem, StringComparison.Ordinal);
        var largest = Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).Max(f => new FileInfo(f).Length);
        Assert.True(largest < 2_000_000, $"the bomb layer is {largest} bytes");
        var used = freeBefore - new DriveInfo(Path.GetTempPath()).AvailableFreeSpace;
        Assert.True(used < 500_000_000, $"{used} bytes of disk were used: the binary was copied out");
    }

    [Fact]
    public async Task Limits_are_configurable_and_a_decompression_bomb_stops_at_the_layer_limit()
    {
        var layout = new OciLayoutBuilder { EncodeLayer = _ => BombLayer(50_000_000) }.Add("linux/arm64", [[]], App).Write(dir.Combine("layout"));

        var binary = Assert.Single((await VerifyAsync(layout, new ImageReadLimits { MaxBinaryBytes = 1_000_000 })).Problems);
        var layer = Assert.Single((await VerifyAsync(layout, new ImageReadLimits { MaxUncompressedLayerBytes = 10_000_000 })).Problems);

        Assert.Contains("more than the 1000000-byte limit for a binary", binary, StringComparison.Ordinal);
        Assert.Contains("uncompresses to more than 10000000 bytes (the limit for one layer)", layer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_index_or_one_with_only_attestations_fails()
    {
        var empty = dir.Combine("empty");
        Directory.CreateDirectory(Path.Combine(empty, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(empty, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        File.WriteAllText(Path.Combine(empty, "index.json"), """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}""");
        var attested = Arm64App(new OciLayoutBuilder { WithAttestation = true }).Write(dir.Combine("attested"));
        var index = File.ReadAllText(Path.Combine(attested, "index.json"));
        var inner = JsonNode.Parse(File.ReadAllText(Path.Combine(attested, "blobs", "sha256", JsonNode.Parse(index)!["manifests"]![0]!["digest"]!.GetValue<string>()[7..])))!;
        inner["manifests"] = new JsonArray(inner["manifests"]![1]!.DeepClone());
        File.WriteAllText(Path.Combine(attested, "index.json"), new JsonObject { ["schemaVersion"] = 2, ["manifests"] = inner["manifests"]!.DeepClone() }.ToJsonString());

        using var emptySource = new OciLayoutSource(empty);
        var emptyResult = await ImageVerifier.VerifyAsync(emptySource, null, cancellationToken: TestContext.Current.CancellationToken);
        using var attestedSource = new OciLayoutSource(attested);
        var attestedResult = await ImageVerifier.VerifyAsync(attestedSource, null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("has an empty index: no platform to run", Assert.Single(emptyResult.Problems), StringComparison.Ordinal);
        Assert.Contains("holds no runnable image manifest, only 1 attestation manifest(s)", Assert.Single(attestedResult.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_json_keys_are_refused_so_no_two_parsers_read_different_images()
    {
        var layout = Arm64App().Write(dir.Combine("layout"));
        var index = Path.Combine(layout, "index.json");
        File.WriteAllText(index, File.ReadAllText(index).Replace("\"schemaVersion\":2", "\"schemaVersion\":2,\"manifests\":[]", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<ContentVerificationException>(() => VerifyAsync(layout));

        Assert.Contains("is not valid JSON (Duplicate property 'manifests'", error.Message, StringComparison.Ordinal);
    }

    private static (byte[] Blob, string DiffId) BombLayer(long size)
    {
        using var blob = new MemoryStream();
        string diffId;
        using (var gzip = new GZipStream(blob, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var hashed = new HashingWriteStream(gzip))
        {
            using (var writer = new TarWriter(hashed, TarEntryFormat.Ustar, leaveOpen: true))
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "app") { DataStream = new ZeroStream(size) });
            }

            diffId = hashed.Digest;
        }

        return (blob.ToArray(), diffId);
    }

    private static JsonNode FindManifest(string layout)
        => Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).Select(f => File.ReadAllText(f, Encoding.UTF8))
            .Where(t => t.StartsWith('{')).Select(t => JsonNode.Parse(t)!).First(n => n["layers"] is not null);
}

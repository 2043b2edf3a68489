using System.Formats.Tar;
using System.Text.Json;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>Daemonless assembly from real Go binaries: reproducible byte for byte, verified before it is written.</summary>
public sealed class ImageAssemblerSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task The_same_binaries_in_two_directories_give_the_same_index_digest()
    {
        var one = await AssemblyInputs.CopyToAsync(dir.Combine("one"));
        var two = await AssemblyInputs.CopyToAsync(dir.Combine("elsewhere", "two"));

        var first = await AssembleAsync(one, s => s.SetOciLayout("out"));
        var second = await AssembleAsync(two, s => s.SetOciLayout("out").SetArchive("image.tar"));

        Assert.Equal(first.IndexDigest, second.IndexDigest);
        Assert.Equal(Files(Path.Combine(one, "out")), Files(Path.Combine(two, "out")));
        Assert.Equal(3, first.Platforms.Count);
    }

    [Fact]
    public async Task A_one_byte_change_in_one_binary_changes_only_that_platforms_manifest_and_the_index()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var before = await AssembleAsync(source, s => s.SetOciLayout("out"));
        var arm64 = Path.Combine(source, "bin", "linux_arm64", "hello");
        await using (var file = File.Open(arm64, FileMode.Append))
        {
            file.WriteByte(0); // trailing data: still a valid arm64 binary
        }

        var after = await AssembleAsync(source, s => s.SetOciLayout("out"));

        Assert.NotEqual(before.IndexDigest, after.IndexDigest);
        Assert.Equal(
            [true, false, true],
            before.Platforms.Zip(after.Platforms, (b, a) => b.ManifestDigest == a.ManifestDigest));
    }

    [Fact]
    public async Task With_a_verdict_record_only_the_changed_platform_is_read_back_again()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var first = await AssembleAsync(source, s => s.SetOciLayout("out").SetVerdictRecord("verdicts"));
        await using (var file = File.Open(Path.Combine(source, "bin", "linux_arm64", "hello"), FileMode.Append))
        {
            file.WriteByte(0);
        }

        var second = await AssembleAsync(source, s => s.SetOciLayout("out").SetVerdictRecord("verdicts"));
        var third = await AssembleAsync(source, s => s.SetOciLayout("out"));

        Assert.All(first.Verification.Entries, e => Assert.False(e.Recorded));
        Assert.Equal([true, false, true], second.Verification.Entries.Select(e => e.Recorded));
        Assert.All(third.Verification.Entries, e => Assert.False(e.Recorded)); // no record asked for: everything read back
        Assert.Equal(4 + 4, Directory.GetFiles(Path.Combine(source, "verdicts")).Length); // 4 platform verdicts, 4 layers (LayerReuse)
    }

    [Fact]
    public async Task A_binary_for_the_wrong_platform_is_refused_and_nothing_is_written()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        File.Copy(Path.Combine(source, "bin", "linux_arm_v7", "hello"), Path.Combine(source, "bin", "linux_arm64", "hello"), overwrite: true);

        var error = await Assert.ThrowsAsync<VerificationException>(() => AssembleAsync(source, s => s.SetOciLayout("out").SetArchive("image.tar")));

        Assert.Contains(error.Problems, p => p.StartsWith("linux/arm64: ", StringComparison.Ordinal));
        Assert.Equal(["bin"], Directory.GetFileSystemEntries(source).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Every_tar_entry_is_sorted_owned_by_root_and_stamped_with_the_epoch()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        dir.Write("ca.pem", "certificate\n");

        var assembly = await AssembleAsync(source, s => s.SetArchive("image.tar").SetEpoch(1_700_000_000).AddFile(dir.Combine("ca.pem"), "/etc/ssl/certs/ca-certificates.crt"));

        var layer = Layer(Path.Combine(source, "image.tar"), assembly.Platforms[0].ManifestDigest);
        Assert.Equal(["etc/", "etc/ssl/", "etc/ssl/certs/", "etc/ssl/certs/ca-certificates.crt", "usr/", "usr/local/", "usr/local/bin/", "usr/local/bin/hello"], layer.Select(e => e.Name));
        Assert.All(layer, e => Assert.Equal((TarEntryFormat.Ustar, 0, 0, string.Empty, string.Empty, 1_700_000_000L), (e.Format, e.Uid, e.Gid, ((PosixTarEntry)e).UserName, ((PosixTarEntry)e).GroupName, e.ModificationTime.ToUnixTimeSeconds())));
        Assert.Equal((UnixFileMode)0b110_100_100, layer.Single(e => e.Name.EndsWith(".crt", StringComparison.Ordinal)).Mode);
        Assert.Equal(1_700_000_000, assembly.Epoch);
    }

    [Fact]
    public async Task The_config_runs_the_binary_as_a_non_root_user_with_the_given_environment_and_labels()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);

        var assembly = await AssembleAsync(source, s => s.SetArchive("image.tar").AddEnvironmentVariable("MODE", "a").AddEnvironmentVariable("PATH", "/bin").AddEnvironmentVariable("MODE", "b")
            .AddLabel("org.opencontainers.image.source", "https://example.com/app").SetCmd("--port", "80"));

        using var config = JsonDocument.Parse(Blob(Path.Combine(source, "image.tar"), ConfigDigest(Path.Combine(source, "image.tar"), assembly.Platforms[2].ManifestDigest)));
        var c = config.RootElement.GetProperty("config");
        Assert.Equal("65532:65532", c.GetProperty("User").GetString());
        Assert.Equal(["PATH=/bin", "MODE=b"], c.GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["/usr/local/bin/hello"], c.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["--port", "80"], c.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("https://example.com/app", c.GetProperty("Labels").GetProperty("org.opencontainers.image.source").GetString());
        Assert.Equal(("arm", "v7", "1970-01-01T00:00:00Z"), (config.RootElement.GetProperty("architecture").GetString(), config.RootElement.GetProperty("variant").GetString(), config.RootElement.GetProperty("created").GetString()));
    }

    [Fact]
    public async Task A_directory_that_is_not_an_oci_layout_is_never_replaced()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        dir.Write("out/precious.txt", "keep me");

        var error = await Assert.ThrowsAsync<InputException>(() => AssembleAsync(source, s => s.SetOciLayout("out")));

        Assert.StartsWith($"cannot write the OCI layout to {dir.Combine("out")}: expected a new or empty directory or an OCI layout", error.Message, StringComparison.Ordinal);
        Assert.Equal(["precious.txt"], Directory.GetFileSystemEntries(dir.Combine("out")).Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(dir.Path), e => Path.GetFileName(e).StartsWith(".crossbuild", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_name_each_platform_directory_must_hold_exactly_one_binary()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        File.Copy(Path.Combine(source, "bin", "linux_arm64", "hello"), Path.Combine(source, "bin", "linux_arm64", "other"));

        var error = await Assert.ThrowsAsync<BinaryNotFoundException>(() => AssembleAsync(source, s => s.SetOciLayout("out")));

        Assert.Equal($"linux/arm64: expected one binary in {Path.Combine(source, "bin", "linux_arm64")}, found hello, other; build it first or say which with --name", error.Message);
    }

    [Fact]
    public async Task Every_setting_is_checked_before_anything_is_written_even_with_a_binary_to_lay_first()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);

        var error = await Assert.ThrowsAsync<InputException>(() => AssembleAsync(source, s => s.SetOciLayout("out/image").AddEnvironmentVariable("1BAD", "x")));

        Assert.StartsWith("invalid environment variable name '1BAD'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["bin"], Directory.GetFileSystemEntries(source).Select(Path.GetFileName)); // not even the layout's parent
    }

    [Fact]
    public async Task Given_no_platforms_the_assembly_takes_the_linux_platforms_the_matrix_built()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        Directory.CreateDirectory(Path.Combine(source, "bin", "windows_amd64"));
        File.Copy(Path.Combine(source, "bin", "linux_amd64", "hello"), Path.Combine(source, "bin", "windows_amd64", "hello.exe"));

        var assembly = await ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(0).SetOciLayout("out"), TestContext.Current.CancellationToken);

        Assert.Equal(AssemblyInputs.Platforms, assembly.Platforms.Select(p => p.Platform));
    }

    [Fact]
    public async Task The_hand_over_is_assembled_as_given_without_looking_for_files_again()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var binaries = MatrixBinaries.Collect(AssemblyInputs.Pattern, null, ["linux/arm64"], requireStatic: true, sourceDirectory: source);

        var assembly = await ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries("elsewhere/{platform}/{name}").SetMatrixBinaries(binaries).SetEpoch(0).SetOciLayout("out"), TestContext.Current.CancellationToken);

        Assert.Equal([(Platform.LinuxArm64, binaries[0].Path)], assembly.Platforms.Select(p => (p.Platform, p.Binary!)));
    }

    private static Task<ImageAssembly> AssembleAsync(string source, Func<ImageAssemblySettings, ImageAssemblySettings> configure)
        => ImageAssemblyTasks.AssembleAsync(
            configure(new ImageAssemblySettings().SetSourceDirectory(source).SetBinaries(AssemblyInputs.Pattern).SetEpoch(0)
                .SetPlatforms([.. AssemblyInputs.Platforms.Select(p => p.ToString())]).EnableStatic()),
            TestContext.Current.CancellationToken);

    private static Dictionary<string, string> Files(string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    private static byte[] Blob(string archive, string digest)
    {
        using var reader = new TarReader(File.OpenRead(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == "blobs/sha256/" + digest["sha256:".Length..])
            {
                using var content = new MemoryStream();
                entry.DataStream!.CopyTo(content);
                return content.ToArray();
            }
        }

        throw new InvalidOperationException($"no blob {digest} in {archive}");
    }

    private static string ConfigDigest(string archive, string manifest)
    {
        using var document = JsonDocument.Parse(Blob(archive, manifest));
        return document.RootElement.GetProperty("config").GetProperty("digest").GetString()!;
    }

    private static List<TarEntry> Layer(string archive, string manifest)
    {
        using var document = JsonDocument.Parse(Blob(archive, manifest));
        var layer = document.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!;
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(Blob(archive, layer)), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }
}

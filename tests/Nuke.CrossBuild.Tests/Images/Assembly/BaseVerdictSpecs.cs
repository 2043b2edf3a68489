using System.Security.Cryptography;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>
/// A base image (no program) whose platform manifests the verdict record saw pass is not read back again; a changed layer
/// blob makes another manifest, which is read back; a blob changed in the old layout is written again, never carried;
/// and a base's pass is no pass for an image that must run a program.
/// </summary>
public sealed class BaseVerdictSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task A_base_whose_layer_blob_changed_is_read_back_again()
    {
        dir.Write("motd", "hello\n");
        var first = await AssembleAsync();
        var second = await AssembleAsync();
        dir.Write("motd", "hellp\n"); // same length, one byte other: another layer blob, so another manifest
        var third = await AssembleAsync();

        Assert.All(first.Verification.Entries, e => Assert.False(e.Recorded));
        Assert.All(second.Verification.Entries, e => Assert.True(e.Recorded));
        Assert.Equal(first.IndexDigest, second.IndexDigest);
        Assert.NotEqual(second.IndexDigest, third.IndexDigest);
        Assert.All(third.Verification.Entries, e => Assert.False(e.Recorded));
    }

    [Fact]
    public async Task A_blob_changed_in_the_old_layout_is_written_again_before_a_recorded_base_is_trusted()
    {
        dir.Write("motd", "hello\n");
        var first = await AssembleAsync();
        var layer = Directory.GetFiles(dir.Combine("out/blobs/sha256")).Single(f => IsGzip(f)); // the one layer
        var bytes = File.ReadAllBytes(layer);
        bytes[^5] ^= 0xff; // same name, same length, other bytes
        File.WriteAllBytes(layer, bytes);

        var second = await AssembleAsync();

        Assert.Equal(0, second.ReusedLayers);
        Assert.Equal(first.IndexDigest, second.IndexDigest);
        Assert.All(Directory.GetFiles(dir.Combine("out/blobs/sha256")), f => Assert.Equal(Path.GetFileName(f), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))));
    }

    [Fact]
    public async Task A_bases_recorded_pass_is_not_taken_for_an_image_that_must_run_a_program()
    {
        dir.Write("motd", "hello\n");
        await AssembleAsync();
        await AssembleAsync(); // recorded now

        using var source = new OciLayoutSource(dir.Combine("out"));
        var verification = await ImageVerifier.VerifyAsync(
            source, [Platform.Parse("linux/amd64")], _ => null, programRequired: true, requireStatic: false, null, new VerdictRecord(dir.Combine("verdicts")), TestContext.Current.CancellationToken);

        var entry = Assert.Single(verification.Entries);
        Assert.False(entry.Recorded);
        Assert.Contains(verification.Problems, p => p.Contains("no Entrypoint or Cmd", StringComparison.Ordinal));
    }

    private static bool IsGzip(string path)
    {
        var head = new byte[2];
        using var file = File.OpenRead(path);
        return file.Read(head) == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }

    private Task<ImageAssembly> AssembleAsync()
        => ImageAssemblyTasks.AssembleAsync(
            new ImageAssemblySettings().SetSourceDirectory(dir.Path).EnableBaseOnly().AddFile(dir.Combine("motd"), "/etc/motd").SetEpoch(0)
                .SetPlatforms("linux/amd64").SetOciLayout("out").SetVerdictRecord("verdicts"),
            TestContext.Current.CancellationToken);
}

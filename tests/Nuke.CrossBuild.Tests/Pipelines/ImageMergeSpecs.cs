using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Pipelines;

public sealed class ImageMergeSpecs : IDisposable
{
    private const string A = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string B = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Digest_files_hold_a_digest_or_are_empty_and_named_by_it()
    {
        dir.Write("digests/linux_arm64", B + "\n");
        dir.Write("digests/" + A[7..], string.Empty);

        Assert.Equal([A, B], ImageMergeTasks.ReadDigests(dir.Combine("digests")));
    }

    [Fact]
    public void A_missing_directory_or_a_file_without_a_digest_is_one_line_saying_what_was_expected()
    {
        dir.Write("bad/linux_amd64", "sha256:xyz\n");

        var missing = Assert.Throws<InputException>(() => ImageMergeTasks.ReadDigests(dir.Combine("none")));
        var bad = Assert.Throws<InputException>(() => ImageMergeTasks.ReadDigests(dir.Combine("bad")));

        Assert.Equal($"no digests in {dir.Combine("none")}: expected one file per platform written by 'crossbuild image build --digest-file'", missing.Message);
        Assert.Equal($"{dir.Combine("bad", "linux_amd64")}: expected a sha256 digest (sha256:<64 hex>), got 'sha256:xyz'", bad.Message);
    }

    [Fact]
    public async Task Merging_needs_digests_and_a_tag()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ImageMergeTasks.RunAsync(new ImageMergeSettings { Repository = "r/app" }.AddDigests(A), TestContext.Current.CancellationToken));

        Assert.Equal("nothing to merge: expected digests and at least one tag, got 1 digests and 0 tags", error.Message);
    }
}

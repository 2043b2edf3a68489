using System.Security.Cryptography;
using System.Text;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Streams;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// The digest checks every image read rests on, tested directly (fast, no layout, no server): a digest is parsed only in
/// the forms that can be verified, and a blob read through <see cref="VerifyingStream"/> is exactly the bytes its
/// descriptor names or an error. Written to kill the mutants <c>./build.sh Mutate</c> found surviving.
/// </summary>
public sealed class DigestCheckSpecs
{
    private static readonly byte[] Content = Encoding.ASCII.GetBytes("the layer's bytes");
    private static readonly string Sha256Hex = Convert.ToHexStringLower(SHA256.HashData(Content));
    private static readonly string Sha512Hex = Convert.ToHexStringLower(SHA512.HashData(Content));

    [Fact]
    public void A_sha256_or_sha512_digest_in_lower_case_hex_parses_into_its_parts()
    {
        var sha256 = OciDigest.Parse("sha256:" + Sha256Hex);
        var sha512 = OciDigest.Parse("sha512:" + Sha512Hex);

        Assert.Equal(("sha256", Sha256Hex), (sha256.Algorithm, sha256.Encoded));
        Assert.Equal(("sha512", Sha512Hex), (sha512.Algorithm, sha512.Encoded));
        Assert.Equal("sha256:" + Sha256Hex, sha256.ToString());
        Assert.Equal("sha256:" + Sha256Hex[..12], sha256.ToShortString());
        Assert.Equal("sha512:" + Sha512Hex[..12], sha512.ToShortString());
    }

    [Theory]
    [InlineData(null, "invalid digest (none): expected sha256:<64 hex digits> or sha512:<128 hex digits>")]
    [InlineData("", "invalid digest '': expected sha256:<64 hex digits> or sha512:<128 hex digits>")]
    [InlineData("sha256", "invalid digest 'sha256': expected sha256:<64 hex digits> or sha512:<128 hex digits>")]
    [InlineData(":abc", "invalid digest ':abc': expected sha256:<64 hex digits> or sha512:<128 hex digits>")]
    [InlineData("md5:abc", "unsupported digest algorithm in 'md5:abc': expected sha256 or sha512 (content under a digest that cannot be computed is not trusted)")]
    [InlineData("SHA256:abc", "unsupported digest algorithm in 'SHA256:abc': expected sha256 or sha512 (content under a digest that cannot be computed is not trusted)")]
    [InlineData("sha256:abc", "invalid digest 'sha256:abc': expected sha256:<64 lower-case hex digits>")]
    [InlineData("sha512:abc", "invalid digest 'sha512:abc': expected sha512:<128 lower-case hex digits>")]
    public void Anything_but_a_verifiable_digest_is_refused_with_a_one_line_reason(string? text, string expected)
    {
        Assert.False(OciDigest.TryParse(text, out var digest, out var error));
        Assert.Null(digest);
        Assert.Equal(expected, error);
        Assert.Equal(expected, Assert.Throws<ContentVerificationException>(() => OciDigest.Parse(text)).Message);
    }

    [Fact]
    public void One_hex_digit_too_many_too_few_upper_case_or_not_hex_is_refused()
    {
        var good = Sha256Hex;
        foreach (var encoded in new[] { good[..63], good + "0", good.ToUpperInvariant(), "g" + good[1..], good[..63] + ":" })
        {
            Assert.False(OciDigest.TryParse("sha256:" + encoded, out _, out var error), encoded);
            Assert.StartsWith("invalid digest 'sha256:", error, StringComparison.Ordinal);
        }

        Assert.False(OciDigest.TryParse("sha512:" + Sha256Hex, out _, out _));
        Assert.False(OciDigest.TryParse("sha256:" + Sha512Hex, out _, out _));
    }

    [Fact]
    public void A_long_hostile_digest_is_quoted_shortened_to_80_characters()
    {
        var text = "sha256:" + new string('x', 200);

        Assert.False(OciDigest.TryParse(text, out _, out var error));
        Assert.Equal($"invalid digest '{text[..80]}…': expected sha256:<64 lower-case hex digits>", error);
    }

    [Fact]
    public void A_digest_text_of_exactly_80_characters_is_quoted_whole()
    {
        var text = "sha256:" + new string('x', 73);

        Assert.False(OciDigest.TryParse(text, out _, out var error));
        Assert.Equal($"invalid digest '{text}': expected sha256:<64 lower-case hex digits>", error);
    }

    [Fact]
    public void Content_is_hashed_with_the_digests_own_algorithm()
    {
        var sha256 = OciDigest.Sha256(Content);
        var sha512 = OciDigest.Parse("sha512:" + new string('0', 128));

        Assert.Equal("sha256:" + Sha256Hex, sha256.ToString());
        Assert.Equal(sha256, OciDigest.Parse("sha256:" + new string('0', 64)).Of(Content));
        Assert.Equal("sha512:" + Sha512Hex, sha512.Of(Content).ToString());
        Assert.NotEqual(OciDigest.Sha256(Content), OciDigest.Sha256(Encoding.ASCII.GetBytes("other bytes")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_blob_read_to_the_end_that_is_its_descriptor_passes_and_counts_its_bytes(bool async)
    {
        foreach (var digest in new[] { OciDigest.Parse("sha256:" + Sha256Hex), OciDigest.Parse("sha512:" + Sha512Hex) })
        {
            using var stream = Verifying(Content, digest, Content.Length);

            var read = await ReadAllAsync(stream, async, 5);

            Assert.Equal(Content, read);
            Assert.Equal(Content.Length, stream.BytesRead);
            Assert.Equal(0, await ReadAsync(stream, async, new byte[8]));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_blob_with_one_byte_changed_does_not_match_its_digest(bool async)
    {
        var tampered = Content.ToArray();
        tampered[3] ^= 1;
        using var stream = Verifying(tampered, OciDigest.Parse("sha256:" + Sha256Hex), Content.Length);

        var error = await Assert.ThrowsAsync<ContentVerificationException>(() => ReadAllAsync(stream, async, 64));

        Assert.Equal($"app:1 layer does not match its digest: expected sha256:{Sha256Hex}, got {OciDigest.Sha256(tampered)}", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sha512_blob_with_one_byte_changed_does_not_match_its_digest(bool async)
    {
        var tampered = Content.ToArray();
        tampered[0] ^= 1;
        using var stream = Verifying(tampered, OciDigest.Parse("sha512:" + Sha512Hex), Content.Length);

        var error = await Assert.ThrowsAsync<ContentVerificationException>(() => ReadAllAsync(stream, async, 64));

        Assert.StartsWith($"app:1 layer does not match its digest: expected sha512:{Sha512Hex}, got sha512:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_truncated_blob_is_an_error_naming_both_sizes(bool async)
    {
        using var stream = Verifying(Content[..10], OciDigest.Parse("sha256:" + Sha256Hex), Content.Length);

        var error = await Assert.ThrowsAsync<ContentVerificationException>(() => ReadAllAsync(stream, async, 4));

        Assert.Equal($"app:1 layer ended after 10 bytes, but its descriptor says {Content.Length}: the content is truncated", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_longer_blob_returns_no_byte_past_its_size_and_then_fails(bool async)
    {
        using var stream = Verifying([.. Content, .. "+extra"u8.ToArray()], OciDigest.Parse("sha256:" + Sha256Hex), Content.Length);
        var buffer = new byte[1024];

        Assert.Equal(Content.Length, await ReadAsync(stream, async, buffer));
        var error = await Assert.ThrowsAsync<ContentVerificationException>(() => ReadAsync(stream, async, buffer));

        Assert.Equal(Content, buffer[..Content.Length]);
        Assert.Equal($"app:1 layer is longer than the {Content.Length} bytes its descriptor says", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_read_after_the_first_returns_only_what_is_left_of_the_size(bool async)
    {
        using var stream = Verifying([.. Content, .. "+extra"u8.ToArray()], OciDigest.Parse("sha256:" + Sha256Hex), Content.Length);
        var buffer = new byte[1024];

        Assert.Equal(5, await ReadAsync(stream, async, buffer.AsMemory(0, 5).ToArray()));
        Assert.Equal(Content.Length - 5, await ReadAsync(stream, async, buffer));
        Assert.Equal(Content.Length, stream.BytesRead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_empty_read_reads_nothing_and_checks_nothing(bool async)
    {
        using var stream = Verifying([], OciDigest.Parse("sha256:" + Sha256Hex), Content.Length);

        Assert.Equal(0, await ReadAsync(stream, async, []));
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public async Task Draining_checks_the_size_and_digest_of_a_blob_the_reader_stopped_early()
    {
        using var honest = Verifying(Content, OciDigest.Parse("sha256:" + Sha256Hex), Content.Length);
        using var tampered = Verifying([.. Content[..^1], (byte)'!'], OciDigest.Parse("sha256:" + Sha256Hex), Content.Length);
        var ct = TestContext.Current.CancellationToken;
        await honest.ReadExactlyAsync(new byte[3], ct);
        await tampered.ReadExactlyAsync(new byte[3], ct);

        await honest.DrainAsync(ct);
        var error = await Assert.ThrowsAsync<ContentVerificationException>(() => tampered.DrainAsync(ct));

        Assert.Equal(Content.Length, honest.BytesRead);
        Assert.Contains("does not match its digest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposing_the_verifying_stream_disposes_the_content_under_it()
    {
        var inner = new MemoryStream(Content);
        var stream = new VerifyingStream(inner, OciDigest.Parse("sha256:" + Sha256Hex), Content.Length, "app:1 layer");

        stream.Dispose();

        Assert.False(inner.CanRead);
    }

    private static VerifyingStream Verifying(byte[] content, OciDigest digest, long size) => new(new MemoryStream(content), digest, size, "app:1 layer");

    private static async Task<int> ReadAsync(Stream stream, bool async, byte[] buffer)
        => async ? await stream.ReadAsync(buffer.AsMemory(), TestContext.Current.CancellationToken) : stream.Read(buffer.AsSpan());

    private static async Task<byte[]> ReadAllAsync(Stream stream, bool async, int chunk)
    {
        var result = new List<byte>();
        var buffer = new byte[chunk];
        for (int n; (n = await ReadAsync(stream, async, buffer)) > 0;)
        {
            result.AddRange(buffer[..n]);
        }

        return [.. result];
    }
}

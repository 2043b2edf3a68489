using Nuke.CrossBuild.Publish.Releases;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>
/// The previous run's SHA256SUMS as read back, and the exact-length reads behind an archive header, at their edges
/// (fast, no server). Written for the Release mutation group.
/// </summary>
public sealed class ReleaseSumsAndLengthSpecs
{
    private static readonly string Hex = new('a', 64);

    [Fact]
    public void Sums_lines_need_64_hex_characters_and_two_spaces_and_the_first_line_of_a_name_wins()
    {
        var text = $"{Hex}  one.tar.gz\n{new string('b', 63)}  short\n{new string('c', 65)}  long\n{Hex} single-space\n"
            + $"{new string('d', 64)}  one.tar.gz\n\n{new string('e', 64)}  two  spaced \n";

        var sums = ReleaseAssets.ParseSums(text);

        Assert.Equal(2, sums.Count);
        Assert.Equal(Hex, sums["one.tar.gz"]);
        Assert.Equal(new string('e', 64), sums["two  spaced"]);
        Assert.Throws<ArgumentNullException>(() => ReleaseAssets.ParseSums(null!));
    }

    [Fact]
    public void Sums_names_are_compared_by_case()
    {
        var sums = ReleaseAssets.ParseSums($"{Hex}  A\n{new string('b', 64)}  a\n");

        Assert.Equal((Hex, new string('b', 64)), (sums["A"], sums["a"]));
        Assert.Equal(2, sums.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_source_of_exactly_its_length_is_read_whole_and_then_ends(bool async)
    {
        using var stream = new ExactLengthStream(new MemoryStream([1, 2, 3, 4, 5]), 5, "LICENSE");
        var buffer = new byte[16];

        Assert.Equal(5, await ReadAsync(stream, buffer, async));
        Assert.Equal(5, stream.Position);
        Assert.Equal(0, await ReadAsync(stream, buffer, async));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, buffer[..5]);
        Assert.Equal(5, stream.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_source_giving_more_than_its_length_is_refused_after_exactly_that_length(bool async)
    {
        using var stream = new ExactLengthStream(new MemoryStream([1, 2, 3, 4, 5, 6]), 5, "LICENSE");
        var buffer = new byte[16];

        Assert.Equal(5, await ReadAsync(stream, buffer, async)); // never more than the stated length
        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => ReadAsync(stream, buffer, async));

        Assert.Equal("cannot archive LICENSE: its size changed while it was read (expected 5 bytes as the file system reported, got more); expected a regular file that nothing writes to", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_source_giving_less_than_its_length_is_refused_with_what_it_gave(bool async)
    {
        using var stream = new ExactLengthStream(new MemoryStream([1, 2, 3]), 5, "LICENSE");
        var buffer = new byte[2];

        Assert.Equal(2, await ReadAsync(stream, buffer, async));
        Assert.Equal(1, await ReadAsync(stream, buffer, async));
        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => ReadAsync(stream, buffer, async));

        Assert.Contains("expected 5 bytes as the file system reported, got only 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_read_of_a_source_not_yet_at_its_length_reads_nothing_and_is_no_error()
    {
        using var stream = new ExactLengthStream(new MemoryStream([1, 2]), 2, "LICENSE");

        Assert.Equal(0, stream.Read([], 0, 0));
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty, TestContext.Current.CancellationToken));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void The_position_may_be_set_only_where_it_is_and_nothing_is_written()
    {
        using var stream = new ExactLengthStream(new MemoryStream([1, 2, 3]), 3, "LICENSE");
        stream.ReadExactly(new byte[1]);

        Assert.Equal(1, stream.Seek(0, SeekOrigin.Current));
        Assert.Equal(1, stream.Seek(1, SeekOrigin.Begin));
        Assert.Equal(1, stream.Seek(-2, SeekOrigin.End));
        stream.Position = 1;
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.Seek(1, SeekOrigin.Current));
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.End));
        Assert.Throws<NotSupportedException>(() => stream.Write([1], 0, 1));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(1));
        Assert.Equal((true, true, false), (stream.CanRead, stream.CanSeek, stream.CanWrite));
    }

    [Fact]
    public void Disposing_closes_the_source()
    {
        var inner = new MemoryStream([1]);
        new ExactLengthStream(inner, 1, "LICENSE").Dispose();

        Assert.False(inner.CanRead);
    }

    private static async Task<int> ReadAsync(Stream stream, byte[] buffer, bool async)
        => async ? await stream.ReadAsync(buffer.AsMemory(), TestContext.Current.CancellationToken) : stream.Read(buffer, 0, buffer.Length);
}

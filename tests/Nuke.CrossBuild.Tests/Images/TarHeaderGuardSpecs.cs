using System.Formats.Tar;
using Nuke.CrossBuild.Streams;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// The stream every tar read goes through: it must refuse oversized metadata from the header alone, and find each next
/// header exactly where TarReader does (a PAX size record, base-256 sizes, padding), or an attacker could hide one.
/// </summary>
public sealed class TarHeaderGuardSpecs
{
    private const long Huge = 1L << 30;

    [Theory]
    [InlineData('x', false, false)]
    [InlineData('g', false, true)]
    [InlineData('L', true, false)]
    [InlineData('K', true, true)]
    public void Metadata_over_the_bound_is_refused_from_its_header_before_its_data_is_read(char type, bool base256, bool seekable)
    {
        var archive = new ProbeStream([.. RawTar.Header("././@LongLink", type, Huge, base256), .. new byte[1 << 20]], seekable);

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(archive));

        Assert.Equal($"expected a tar metadata entry ('{type}') of at most 65536 bytes, got {Huge}", error.Message);
        Assert.Equal(RawTar.Block, archive.BytesRead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_pax_size_record_moves_the_next_header_as_tar_reader_moves_it(bool seekable)
    {
        // The file's header says 0 bytes, its PAX record 1024: the 1024 bytes are data, even where they look like a header.
        var record = RawTar.PaxRecord("size", "1024");
        byte[] data = [.. RawTar.Header("hidden", 'x', Huge), .. new byte[RawTar.Block]];
        var archive = new ProbeStream([.. RawTar.Header("PaxHeaders/f", 'x', record.Length), .. record, .. RawTar.Padding(record.Length), .. RawTar.Header("f", '0', 0), .. data, .. RawTar.End()], seekable);

        var entries = ReadAll(archive);

        Assert.Equal(("f", 1024L), Assert.Single(entries));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_header_a_pax_size_record_moves_into_view_is_checked(bool seekable)
    {
        // The file's header says 1024 bytes, its PAX record 0: TarReader reads the next header right after it, so must the guard.
        var record = RawTar.PaxRecord("size", "0");
        var archive = new ProbeStream([.. RawTar.Header("PaxHeaders/f", 'x', record.Length), .. record, .. RawTar.Padding(record.Length), .. RawTar.Header("f", '0', 1024), .. RawTar.Header("hidden", 'x', Huge), .. new byte[RawTar.Block], .. RawTar.End()], seekable);

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(archive));

        Assert.Equal($"expected a tar metadata entry ('x') of at most 65536 bytes, got {Huge}", error.Message);
    }

    [Theory]
    [InlineData('L', 'x', "expected a file entry after a tar metadata entry ('L'), got another ('x')")]
    [InlineData('x', 'L', "expected a file entry after a tar metadata entry ('x'), got another ('L')")]
    public void Metadata_in_an_order_tar_reader_could_read_another_way_is_refused(char first, char second, string message)
    {
        var name = "long/name"u8.ToArray();
        byte[] records = first == 'x' ? RawTar.PaxRecord("path", "long/name") : name;
        byte[] bytes = [.. RawTar.Header("meta", first, records.Length), .. records, .. RawTar.Padding(records.Length), .. RawTar.Header("meta", second, name.Length), .. name, .. RawTar.Padding(name.Length), .. RawTar.Header("f", '0', 0), .. RawTar.End()];

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(new ProbeStream(bytes, seekable: false)));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(TarEntryFormat.Pax, false)]
    [InlineData(TarEntryFormat.Pax, true)]
    [InlineData(TarEntryFormat.Gnu, false)]
    [InlineData(TarEntryFormat.Gnu, true)]
    public void Ordinary_archives_read_the_same_through_the_guard(TarEntryFormat format, bool seekable)
    {
        var longName = string.Join('/', Enumerable.Repeat("directory", 30)) + "/file";
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, format, leaveOpen: true))
        {
            writer.WriteEntry(Entry(format, TarEntryType.Directory, "d/", null));
            writer.WriteEntry(Entry(format, TarEntryType.RegularFile, longName, new byte[1000]));
            writer.WriteEntry(Entry(format, TarEntryType.SymbolicLink, "link", null, longName));
            writer.WriteEntry(Entry(format, TarEntryType.RegularFile, "small", "x"u8.ToArray()));
        }

        var entries = ReadAll(new ProbeStream(buffer.ToArray(), seekable));

        Assert.Equal([("d/", 0L), (longName, 1000L), ("link", 0L), ("small", 1L)], entries);
    }

    private static TarEntry Entry(TarEntryFormat format, TarEntryType type, string name, byte[]? data, string? link = null)
    {
        TarEntry entry = format == TarEntryFormat.Pax ? new PaxTarEntry(type, name) : new GnuTarEntry(type, name);
        if (data is not null)
        {
            entry.DataStream = new MemoryStream(data);
        }

        if (link is not null)
        {
            entry.LinkName = link;
        }

        return entry;
    }

    // Names and sizes, each file's data read to the end (as the layer reader does).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_star_header_that_go_and_dotnet_would_name_differently_is_refused(bool seekable)
    {
        // A ustar header with star's trailer "tar\0" at byte 508 and a 131-byte prefix without a NUL: TarReader (and GNU
        // tar) take the 155-byte ustar prefix, atime and ctime included, while Go's archive/tar (containerd, Docker) takes
        // star's 131 bytes. The verifier would check one path and the runtime extract another (review B6).
        var star = RawTar.Header("app", '0', 0);
        star.AsSpan(345, 131).Fill((byte)'p');
        System.Text.Encoding.ASCII.GetBytes("00000000000 0\0").CopyTo(star, 476);
        System.Text.Encoding.ASCII.GetBytes("tar\0").CopyTo(star, 508);
        var archive = new ProbeStream([.. RawTar.Header("app", '0', 0), .. RawTar.Checksummed(star), .. RawTar.End()], seekable);

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(archive));

        Assert.Equal("expected a ustar, pax or gnu tar header, got a star header (\"tar\\0\" at byte 508): tar readers disagree on its file name", error.Message);
    }

    private static List<(string Name, long Length)> ReadAll(Stream archive)
    {
        using var reader = new TarReader(new TarHeaderGuardStream(archive));
        var entries = new List<(string, long)>();
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            entry.DataStream?.CopyTo(Stream.Null);
            entries.Add((entry.Name, entry.Length));
        }

        return entries;
    }

    // An archive in memory, seekable or not, that counts how far it was read.
    private sealed class ProbeStream(byte[] bytes, bool seekable) : Stream
    {
        private readonly MemoryStream inner = new(bytes, writable: false);

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? inner.Length : throw new NotSupportedException();

        public override long Position
        {
            get => seekable ? inner.Position : throw new NotSupportedException();
            set => inner.Position = seekable ? value : throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead = Math.Max(BytesRead, inner.Position);
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => seekable ? inner.Seek(offset, origin) : throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

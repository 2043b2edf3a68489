using System.Formats.Tar;
using System.IO.Compression;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Publish.Releases;

/// <summary>
/// Writes a platform's archive reproducibly: <c>.tar.gz</c> (ustar, entries sorted, root-owned with no names, every time the
/// epoch, gzip with no name or time) or, for Windows, <c>.zip</c> (entries sorted, every time the epoch, at least 1980).
/// Every source must be a regular file (an extra file never through a link) of the size it had when opened, and the
/// archive is read back before it counts as written.
/// </summary>
internal static class ReleaseArchive
{
    /// <summary>Writes the archive of files (host path, name in the archive, executable) to <paramref name="path"/>.</summary>
    /// <exception cref="CrossBuildException">A name that is not one file name, a source that is not a regular file or changed size, or an archive that does not read back.</exception>
    public static async Task WriteAsync(string path, IReadOnlyList<(string Source, string Name, bool Executable)> files, long epoch, bool zip, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            ReleaseNames.CheckFileName(file.Name, "archive entry name");
        }

        var sorted = files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var temp = path + $".tmp-{Guid.NewGuid():n}";
        try
        {
            var written = new List<(string Name, long Size)>();
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                if (zip)
                {
                    await WriteZipAsync(file, sorted, epoch, written, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await WriteTarAsync(file, sorted, epoch, written, cancellationToken).ConfigureAwait(false);
                }
            }

            ReadBack(temp, Path.GetFileName(path), zip, written);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    // The binary (verified as one) may be reached through a link; README and LICENSE never: a link named LICENSE could
    // point at /proc/self/environ or a secret outside the tree. Either way, only a regular file, read at its size.
    private static ExactLengthStream Open(string source, string name, bool followLinks)
    {
        var (stream, kind) = UnixFile.OpenRegular(source, followLinks);
        return stream is null
            ? throw new InputException($"cannot archive {LogText.Escape(source)}: it is {UnixFile.Describe(kind)}; expected a regular file (links are not followed into a release archive)")
            : new ExactLengthStream(stream, stream.Length, LogText.Escape(source));
    }

    private static async Task WriteTarAsync(Stream output, IReadOnlyList<(string Source, string Name, bool Executable)> files, long epoch, List<(string, long)> written, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        await using var writer = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
        var time = DateTimeOffset.FromUnixTimeSeconds(epoch);
        foreach (var (source, name, executable) in files)
        {
            await using var content = Open(source, name, followLinks: executable);
            var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
            {
                Mode = executable ? ImagePaths.Executable : ImagePaths.Data, Uid = 0, Gid = 0, UserName = string.Empty, GroupName = string.Empty, ModificationTime = time,
                DataStream = content,
            };
            await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            written.Add((name, content.Length));
        }
    }

    private static async Task WriteZipAsync(Stream output, IReadOnlyList<(string Source, string Name, bool Executable)> files, long epoch, List<(string, long)> written, CancellationToken cancellationToken)
    {
        // Zip times are DOS times: 1980 at the earliest, two-second steps, no zone.
        var time = DateTimeOffset.FromUnixTimeSeconds(Math.Max(epoch, 315532800));
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (source, name, executable) in files)
        {
            await using var content = Open(source, name, followLinks: executable);
            var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = time;
            entry.ExternalAttributes = (int)((executable ? 0b1_000_111_101_101u : 0b1_000_110_100_100u) << 16); // regular file, 0755 / 0644
            await using var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await content.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            written.Add((name, content.Length));
        }
    }

    // The archive parsed back: exactly the entries written, in order, each of the size copied.
    private static void ReadBack(string path, string name, bool zip, List<(string Name, long Size)> written)
    {
        var found = new List<(string, long)>();
        try
        {
            if (zip)
            {
                using var archive = ZipFile.OpenRead(path);
                found.AddRange(archive.Entries.Select(e => (e.FullName, e.Length)));
            }
            else
            {
                using var reader = new TarReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
                while (reader.GetNextEntry() is { } entry)
                {
                    found.Add((entry.EntryType == TarEntryType.RegularFile ? entry.Name : $"{entry.Name} ({entry.EntryType})", entry.Length));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
        {
            throw new VerificationException($"the archive {name} does not read back ({LogText.Escape(e.Message)}): expected a valid {(zip ? "zip" : "tar.gz")}; nothing was uploaded");
        }

        if (!found.SequenceEqual(written))
        {
            throw new VerificationException($"the archive {name} reads back as {string.Join(", ", found.Select(f => $"{LogText.Escape(f.Item1)} ({f.Item2} bytes)"))}, "
                + $"expected {string.Join(", ", written.Select(f => $"{f.Name} ({f.Size} bytes)"))}; nothing was uploaded");
        }
    }
}

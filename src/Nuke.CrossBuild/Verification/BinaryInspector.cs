namespace Nuke.CrossBuild.Verification;

/// <summary>Reads what a binary's headers say. Never throws for a file's content: a missing, foreign or corrupt file gives a report with <see cref="BinaryReport.Error"/>.</summary>
public static class BinaryInspector
{
    /// <summary>Inspects a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The report; <see cref="BinaryReport.Error"/> says why when the file is not a readable binary.</returns>
    public static BinaryReport Inspect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            // Only regular files: a FIFO would block the open, a pipe or device cannot be read at offsets.
            var (file, kind) = Internal.UnixFile.OpenRegular(path, followLinks: true);
            if (file is null)
            {
                return Failed(path, kind == Internal.FileKind.Missing ? "no such file" : $"not a regular file ({Internal.UnixFile.Describe(kind)}); crossbuild reads binaries from files");
            }

            using var stream = file;
            return Inspect(path, stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(path, e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot read file ({e.Message})");
        }
    }

    /// <summary>Inspects a binary held in a seekable stream.</summary>
    /// <param name="name">The name to report.</param>
    /// <param name="stream">The content; it must be seekable.</param>
    /// <returns>The report.</returns>
    public static BinaryReport Inspect(string name, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var src = new ByteSource(stream);
        var head = new byte[Math.Min(64, src.Length)];
        stream.Position = 0;
        stream.ReadExactly(head);
        try
        {
            if (head.AsSpan().StartsWith("\u007fELF"u8))
            {
                return ElfReader.Read(name, src);
            }

            if (head.AsSpan().StartsWith("MZ"u8))
            {
                return PeReader.Read(name, stream, src);
            }

            if (MachOReader.IsThin(head) || MachOReader.IsFat(head))
            {
                return MachOReader.Read(name, src, head);
            }

            return Failed(name, head.Length == 0 ? "empty file, not a binary" : "not an ELF, PE or Mach-O binary");
        }
        catch (CorruptBinaryException e)
        {
            return Failed(name, $"corrupt binary: {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or OverflowException or EndOfStreamException or InvalidOperationException)
        {
            return Failed(name, $"corrupt binary: {e.GetType().Name}: {e.Message}");
        }
    }

    private static BinaryReport Failed(string name, string error) => new() { File = name, Error = error };
}

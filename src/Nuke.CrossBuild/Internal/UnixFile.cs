using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Nuke.CrossBuild.Internal;

/// <summary>What a path is, without opening it: a FIFO must never be opened for reading (that blocks), and links must not lead out of a tree.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Other,
}

/// <summary>
/// File facts through Linux's <c>statx</c> (its struct layout, in native byte order, is the same on every architecture, unlike <c>stat</c>'s):
/// the kind of a path without following links, and whether an open handle is still that file (no swap between check and open).
/// Elsewhere it falls back to what .NET shows (regular files, directories and links only).
/// </summary>
internal static partial class UnixFile
{
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1, StatxUid = 0x8, StatxIno = 0x100, StatxSize = 0x200;

    /// <summary>Gets a path's kind; with <paramref name="followLinks"/> false a link is reported as a link.</summary>
    public static FileKind KindOf(string path, bool followLinks = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            return info.LinkTarget is not null && !followLinks ? FileKind.SymbolicLink
                : Directory.Exists(path) ? FileKind.Directory : info.Exists ? FileKind.Regular : FileKind.Missing;
        }

        var buffer = new byte[256];
        return Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxIno | StatxSize, buffer) == 0 ? Kind(buffer) : FileKind.Missing;
    }

    /// <summary>Opens a regular file for reading after checking, without following links, that it is one; then checks the handle is that same file.</summary>
    /// <returns>The stream, or null with the kind found when the path is not a regular file.</returns>
    public static (FileStream? Stream, FileKind Kind) OpenRegular(string path, bool followLinks = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            var kind = KindOf(path, followLinks);
            return kind == FileKind.Regular ? (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None), kind) : (null, kind);
        }

        var before = new byte[256];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxIno, before) != 0)
        {
            return (null, FileKind.Missing);
        }

        if (Kind(before) != FileKind.Regular)
        {
            return (null, Kind(before));
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        var after = new byte[256];
        if (Fstatx(stream.SafeFileHandle, after) != 0 || Kind(after) != FileKind.Regular || Device(after) != Device(before) || Inode(after) != Inode(before))
        {
            stream.Dispose();
            return (null, FileKind.Other);
        }

        return (stream, FileKind.Regular);
    }

    /// <summary>Gets the kind of an open handle (e.g. whether standard input is a pipe).</summary>
    public static FileKind KindOf(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return FileKind.Regular;
        }

        var buffer = new byte[256];
        return Fstatx(handle, buffer) == 0 ? Kind(buffer) : FileKind.Missing;
    }

    /// <summary>Gets the user that owns a path, without following a link; null when it cannot be told (not Linux, or missing).</summary>
    public static uint? OwnerOf(string path)
    {
        var buffer = new byte[256];
        return OperatingSystem.IsLinux() && Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxUid, buffer) == 0
            ? MemoryMarshal.Read<uint>(buffer.AsSpan(20))
            : null;
    }

    /// <summary>Names a kind for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };

    private static int Fstatx(SafeFileHandle handle, byte[] buffer)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return Statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxType | StatxIno, buffer);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static FileKind Kind(byte[] buffer) => (MemoryMarshal.Read<ushort>(buffer.AsSpan(28)) & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        _ => FileKind.Other,
    };

    private static ulong Inode(byte[] buffer) => MemoryMarshal.Read<ulong>(buffer.AsSpan(32));

    private static ulong Device(byte[] buffer) => ((ulong)MemoryMarshal.Read<uint>(buffer.AsSpan(136)) << 32) | MemoryMarshal.Read<uint>(buffer.AsSpan(140));

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}

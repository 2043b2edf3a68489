using System.Formats.Tar;

namespace Nuke.CrossBuild.Tar;

/// <summary>One entry of an assembled layer, as it will be written (the time is always the epoch).</summary>
/// <param name="Name">The tar name: no leading <c>/</c> or <c>./</c>; directories end in <c>/</c>.</param>
/// <param name="Type">Directory, regular file or symbolic link.</param>
/// <param name="Mode">The permission bits.</param>
/// <param name="Uid">The owner.</param>
/// <param name="Gid">The group.</param>
/// <param name="Content">A regular file's content in memory, or null (then <see cref="SourceFile"/>).</param>
/// <param name="LinkName">A symbolic link's target, verbatim.</param>
internal sealed record LayerTarEntry(string Name, TarEntryType Type, UnixFileMode Mode, int Uid, int Gid, byte[]? Content, string? LinkName)
{
    /// <summary>Gets the host file a regular file's content is streamed from (large binaries are not held in memory).</summary>
    public string? SourceFile { get; init; }
}

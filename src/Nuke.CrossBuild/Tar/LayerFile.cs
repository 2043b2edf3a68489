namespace Nuke.CrossBuild.Tar;

/// <summary>One file of an assembled layer: its content on the host, its path in the image and its mode.</summary>
/// <param name="Source">The host file.</param>
/// <param name="Destination">The path in the image: absolute, normalized (validated by <see cref="ImagePaths.Normalize"/>).</param>
/// <param name="Mode">The permission bits (0755 for programs, 0644 for data).</param>
internal sealed record LayerFile(string Source, string Destination, UnixFileMode Mode);

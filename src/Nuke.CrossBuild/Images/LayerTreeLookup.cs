namespace Nuke.CrossBuild.Images;

/// <summary>The result of looking a path up in a <see cref="LayerTree"/>.</summary>
/// <param name="Path">The path after links were followed.</param>
/// <param name="Layer">The layer holding the file's content, or -1.</param>
/// <param name="Index">The tar entry holding the content in that layer, or -1.</param>
/// <param name="Size">The file's size.</param>
/// <param name="Problem">Why there is no regular file there, or null.</param>
internal sealed record LayerTreeLookup(string Path, int Layer, long Index, long Size, string? Problem)
{
    public bool Found => Problem is null;
}

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>Whether a file built in some stage ends up in the image: certainly, maybe (a path the doctor cannot follow), or not.</summary>
internal enum FileReach
{
    No,
    Maybe,
    Yes,
}

/// <summary>
/// Follows a file from the stage that writes it to the built image, as far as a static reading can: through the base
/// chain (a stage the image is built FROM keeps its files) and <c>COPY --from</c> sources that cover the path (the file,
/// a directory holding it, a glob or a variable: maybe), up to a few hops. <c>RUN --mount</c> from the stage is a maybe.
/// </summary>
internal static class FileFlow
{
    private const int MaxHops = 6;

    /// <summary>Returns whether the file at <paramref name="path"/> (absolute; ending with / for "something in this directory"; null when unknown) written in <paramref name="stage"/> reaches the image.</summary>
    public static FileReach Reach(StageGraph graph, int stage, string? path) => Reach(graph, stage, path, MaxHops);

    private static FileReach Reach(StageGraph graph, int stage, string? path, int hops)
    {
        if (path is "/dev/null" || hops == 0 || !graph.IsReachable(stage))
        {
            return hops == 0 ? FileReach.Maybe : FileReach.No;
        }

        if (graph.BaseChain(graph.Target).Contains(stage))
        {
            return FileReach.Yes;
        }

        var result = FileReach.No;
        foreach (var user in graph.Stages.Where(s => graph.IsReachable(s.Index)))
        {
            var chain = (IReadOnlyCollection<int> from) => from.Any(f => graph.BaseChain(f).Contains(stage));
            foreach (var copy in user.Copies.Where(c => chain(c.From.Stages)))
            {
                foreach (var source in copy.Sources)
                {
                    var covered = Covers(source, path);
                    if (covered != FileReach.No)
                    {
                        var onward = Reach(graph, user.Index, Destination(copy.Destination, source, path), hops - 1);
                        result = Max(result, Min(covered, onward));
                    }
                }
            }

            if (user.Mounts.Any(m => chain(m.Stages)))
            {
                result = Max(result, Min(FileReach.Maybe, Reach(graph, user.Index, null, hops - 1)));
            }
        }

        return result;
    }

    /// <summary>Returns whether copying <paramref name="source"/> copies the file at <paramref name="path"/>.</summary>
    public static FileReach Covers(string source, string? path)
    {
        if (path is null || source.Contains('$', StringComparison.Ordinal))
        {
            return FileReach.Maybe;
        }

        var directory = path.EndsWith('/');
        var file = path.TrimEnd('/');
        if (source.IndexOfAny(['*', '?', '[']) is var glob and >= 0)
        {
            var prefix = source[..glob];
            return file.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(file, StringComparison.Ordinal) ? FileReach.Maybe : FileReach.No;
        }

        return source == "/" || source == file || file.StartsWith(source + "/", StringComparison.Ordinal) || (directory && source.StartsWith(file + "/", StringComparison.Ordinal))
            ? FileReach.Yes : FileReach.No;
    }

    private static string? Destination(string destination, string source, string? path)
    {
        if (path is null)
        {
            return null;
        }

        var file = path.TrimEnd('/');
        var relative = file.StartsWith(source + "/", StringComparison.Ordinal) ? file[(source.Length + 1)..] : source == "/" ? file.TrimStart('/') : null;
        var target = relative is not null ? destination.TrimEnd('/') + "/" + relative
            : destination.EndsWith('/') && source == file ? destination + file[(file.LastIndexOf('/') + 1)..]
            : destination.TrimEnd('/');
        return path.EndsWith('/') && source == file ? target.TrimEnd('/') + "/" : target;
    }

    private static FileReach Min(FileReach a, FileReach b) => a < b ? a : b;

    private static FileReach Max(FileReach a, FileReach b) => a > b ? a : b;
}

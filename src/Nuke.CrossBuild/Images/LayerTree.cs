using System.Formats.Tar;
using Nuke.CrossBuild.Oci;

namespace Nuke.CrossBuild.Images;

/// <summary>
/// The file tree a container sees, built from layer metadata in order (bottom first) with the OCI rules: a layer's
/// opaque markers and whiteouts hide lower layers' paths (never its own), a directory over a directory keeps its
/// children, anything else replaces what was there, entries under a linked parent land where the link points (inside
/// the root), and a hard link takes its target's content as the tree has it at that point of that layer.
/// </summary>
internal sealed class LayerTree
{
    /// <summary>Linux's MAXSYMLINKS: how many symbolic links one lookup may follow.</summary>
    public const int MaxLinks = 40;

    private readonly Node root = new(NodeKind.Directory, -1, -1, null, 0);

    private enum NodeKind
    {
        Directory,
        File,
        Link,
        Other,
    }

    /// <summary>Applies one layer's entries.</summary>
    /// <param name="layer">The layer's position (0 = bottom).</param>
    /// <param name="entries">Its entries in tar order.</param>
    /// <param name="what">Names the layer in messages.</param>
    /// <exception cref="ContentVerificationException">A whiteout name is invalid.</exception>
    public void Apply(int layer, IReadOnlyList<LayerEntry> entries, string what)
    {
        // Opaque markers and whiteouts act on the lower layers, whatever their order in this one: apply them first.
        ApplyWhiteouts(entries, what);
        foreach (var entry in entries)
        {
            var (dir, name) = Split(entry.Path);
            if (entry.Path.Length == 0 || name.StartsWith(".wh.", StringComparison.Ordinal))
            {
                continue;
            }

            var parent = EnsureDirectory(dir, what);
            if (NewNode(layer, entry, parent.Children!.GetValueOrDefault(name)) is { } node)
            {
                parent.Children![name] = node;
            }
        }
    }

    /// <summary>Looks a path up as the container would, following links (at most <see cref="MaxLinks"/>), never above the root.</summary>
    /// <param name="path">An absolute or root-relative path.</param>
    /// <returns>The resolved path and what is there: a regular file's layer and entry, or why there is none.</returns>
    public LayerTreeLookup Resolve(string path)
    {
        var (node, resolved, problem) = Lookup(LayerEntry.Clean(path), followLast: true);
        return node switch
        {
            null => new LayerTreeLookup("/" + resolved, -1, -1, 0, problem ?? "no such file"),
            { Kind: NodeKind.File } => new LayerTreeLookup("/" + resolved, node.Layer, node.Index, node.Size, null),
            { Kind: NodeKind.Directory } => new LayerTreeLookup("/" + resolved, -1, -1, 0, "a directory, not a file"),
            _ => new LayerTreeLookup("/" + resolved, -1, -1, 0, node.Target ?? "not a regular file"),
        };
    }

    private static (string Dir, string Name) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? (string.Empty, path) : (path[..slash], path[(slash + 1)..]);
    }

    // A whiteout's or marker's directory, reached as an extractor reaches a parent: through links, inside the root.
    private Node? Find(string dir) => Lookup(dir, followLast: true).Node;

    // Walks the components, expanding links; a missing component or a non-directory parent ends the walk with the reason,
    // unless create is set: then missing directories are made and non-directories in the way replaced, as an extractor would.
    private (Node? Node, string Path, string? Problem) Lookup(string path, bool followLast, bool create = false)
    {
        var walk = new Walk(root, path);
        var links = 0;
        while (walk.Pending.Count > 0)
        {
            var name = walk.Pending.Pop();
            if (name is "." or "..")
            {
                walk.Up(name);
                continue;
            }

            var next = walk.Current.Children?.GetValueOrDefault(name);
            if (next is { Kind: NodeKind.Link } && (walk.Pending.Count > 0 || followLast))
            {
                if (++links > MaxLinks)
                {
                    return (null, walk.Path, $"more than {MaxLinks} symbolic links while resolving /{path}");
                }

                walk.Follow(next.Target!);
                continue;
            }

            if (create && next is not { Kind: NodeKind.Directory })
            {
                next = new Node(NodeKind.Directory, -1, -1, null, 0);
                walk.Current.Children![name] = next;
            }

            if (next is null)
            {
                return (null, walk.Path + (walk.Trail.Count > 0 ? "/" : string.Empty) + name, null);
            }

            walk.Trail.Add((name, next));
            if (next.Kind != NodeKind.Directory && walk.Pending.Count > 0)
            {
                return (null, walk.Path, $"/{walk.Path} is not a directory");
            }

            walk.Current = next;
        }

        return (walk.Current, walk.Path, null);
    }

    private Node EnsureDirectory(string dir, string what)
    {
        var (node, _, problem) = Lookup(dir, followLast: true, create: true);
        return node ?? throw new ContentVerificationException($"{what}: cannot place entries under /{dir}: {problem}");
    }

    private static string Join(List<(string Name, Node Node)> trail) => string.Join('/', trail.Select(t => t.Name));

    // Clears the directories of opaque markers and removes what whiteouts name.
    private void ApplyWhiteouts(IReadOnlyList<LayerEntry> entries, string what)
    {
        foreach (var entry in entries)
        {
            var (dir, name) = Split(entry.Path);
            if (name == ".wh..wh..opq")
            {
                if (Find(dir) is { Kind: NodeKind.Directory } opaque)
                {
                    opaque.Children?.Clear();
                }
            }
            else if (name.StartsWith(".wh.", StringComparison.Ordinal))
            {
                var deleted = name[4..];
                if (deleted.Length == 0 || deleted is "." or ".." || deleted.StartsWith(".wh.", StringComparison.Ordinal))
                {
                    throw new ContentVerificationException($"{what} has an invalid whiteout '{entry.Path}'");
                }

                Find(dir)?.Children?.Remove(deleted);
            }
        }
    }

    // The node an entry puts in place, or null when a directory lands on a directory (which keeps its children).
    private Node? NewNode(int layer, LayerEntry entry, Node? existing)
    {
        switch (entry.Type)
        {
            case TarEntryType.Directory:
                return existing is { Kind: NodeKind.Directory } ? null : new Node(NodeKind.Directory, layer, entry.Index, null, 0);
            case TarEntryType.SymbolicLink:
                return new Node(NodeKind.Link, layer, entry.Index, entry.LinkName ?? string.Empty, 0);
            case TarEntryType.HardLink:
                var target = Lookup(LayerEntry.Clean(entry.LinkName ?? string.Empty), followLast: false).Node;
                return target is { Kind: NodeKind.File }
                    ? new Node(NodeKind.File, target.Layer, target.Index, null, target.Size)
                    : new Node(NodeKind.Other, layer, entry.Index, $"a hard link to {entry.LinkName}, which is not a regular file at that point", 0);
            default:
                return entry.IsRegular
                    ? new Node(NodeKind.File, layer, entry.Index, null, entry.Size)
                    : new Node(NodeKind.Other, layer, entry.Index, $"a {entry.Type}", 0);
        }
    }

    private sealed class Node(NodeKind kind, int layer, long index, string? target, long size)
    {
        public NodeKind Kind { get; } = kind;

        public int Layer { get; } = layer;

        public long Index { get; } = index;

        /// <summary>The link target, or for <see cref="NodeKind.Other"/> what it is.</summary>
        public string? Target { get; } = target;

        public long Size { get; } = size;

        public Dictionary<string, Node>? Children { get; set; } = kind == NodeKind.Directory ? new(StringComparer.Ordinal) : null;
    }

    // A lookup's position: the components still to walk, the directories walked (names and nodes) and where it is.
    private sealed class Walk(Node root, string path)
    {
        private readonly Node top = root;

        public Stack<string> Pending { get; } = new(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());

        public List<(string Name, Node Node)> Trail { get; } = [];

        public Node Current { get; set; } = root;

        public string Path => Join(Trail);

        // "." stays; ".." goes one directory up, never above the root.
        public void Up(string name)
        {
            if (name == "..")
            {
                if (Trail.Count > 0)
                {
                    Trail.RemoveAt(Trail.Count - 1);
                }

                Current = Trail.Count > 0 ? Trail[^1].Node : top;
            }
        }

        // Walks a link's target next: from the root when it is absolute, else from where the link is.
        public void Follow(string target)
        {
            foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                Pending.Push(part);
            }

            if (target.StartsWith('/'))
            {
                Trail.Clear();
                Current = top;
            }
        }
    }
}

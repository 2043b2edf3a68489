using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// The stages of a Dockerfile and how they use each other (FROM a stage, COPY --from, RUN --mount from), with global ARG
/// defaults resolved; which stages the built target reaches, and which are reached only through a name a variable picks
/// per target (<c>FROM runtime-$TARGETARCH</c>): those are per-architecture, not the build machine.
/// </summary>
internal sealed partial class StageGraph
{
    private readonly HashSet<int> reachable = [];
    private readonly HashSet<int> direct = [];

    private StageGraph(IReadOnlyList<DockerStage> stages, IReadOnlyDictionary<string, string?> globals, int target)
    {
        Stages = stages;
        Globals = globals;
        Target = target;
        Walk(target, reachable, templated: true);
        Walk(target, direct, templated: false);
    }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>Gets the global ARGs (before the first FROM) and their defaults (null: none).</summary>
    public IReadOnlyDictionary<string, string?> Globals { get; }

    /// <summary>Gets the index of the stage that is built (<c>--target</c>, else the last).</summary>
    public int Target { get; }

    public static StageGraph Build(IReadOnlyList<DockerfileInstruction> instructions, string? target)
    {
        var globals = new Dictionary<string, string?>(StringComparer.Ordinal);
        var stages = new List<DockerStage>();
        foreach (var instruction in instructions.Where(i => i.Keyword != "#"))
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add(NewStage(instruction, stages, globals));
            }
            else if (stages.Count == 0 && instruction.Keyword == "ARG")
            {
                foreach (var word in instruction.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = word.IndexOf('=', StringComparison.Ordinal);
                    globals[eq < 0 ? word : word[..eq]] = eq < 0 ? null : word[(eq + 1)..].Trim('"', '\'');
                }
            }
            else if (stages.Count > 0)
            {
                Use(stages[^1], instruction, stages);
            }
        }

        var index = stages.Count - 1;
        if (target is not null)
        {
            index = stages.FindIndex(s => string.Equals(s.Name, target, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new DockerfileFormatException($"expected --target to name a stage ({string.Join(", ", stages.Select(s => s.Name).OfType<string>())}), got '{target}'");
            }
        }

        return new StageGraph(stages, globals, index);
    }

    /// <summary>Returns whether building the target builds this stage.</summary>
    public bool IsReachable(int stage) => reachable.Contains(stage);

    /// <summary>Returns whether the stage is reached only through names a variable picks per target (so it serves one architecture).</summary>
    public bool IsPerArch(int stage) => reachable.Contains(stage) && !direct.Contains(stage);

    /// <summary>Gets the stages whose file system the image starts from: the target, its base stage, that one's base...</summary>
    public IReadOnlyList<int> BaseChain(int stage)
    {
        var chain = new List<int> { stage };
        while (Stages[chain[^1]].Base is { Templated: false, Stages: [var parent] } && !chain.Contains(parent))
        {
            chain.Add(parent);
        }

        return chain;
    }

    /// <summary>Substitutes global ARG defaults into a text (variables without a default stay as written).</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string?> values)
        => Reference().Replace(text, m => values.TryGetValue(m.Groups["name"].Value, out var v) && v is not null ? v
            : m.Groups["default"].Success && !values.ContainsKey(m.Groups["name"].Value) && !m.Groups["name"].Value.StartsWith("TARGET", StringComparison.Ordinal) ? m.Groups["default"].Value : m.Value);

    private static void Use(DockerStage stage, DockerfileInstruction instruction, List<DockerStage> stages)
    {
        var words = instruction.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        switch (instruction.Keyword)
        {
            case "WORKDIR" when words.Length > 0:
                stage.Workdir = Absolute(words[0].Trim('"'), stage.Workdir);
                break;
            case "COPY" or "ADD" when words.FirstOrDefault(w => w.StartsWith("--from=", StringComparison.Ordinal)) is { } from:
                var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                if (paths.Count >= 2)
                {
                    stage.Copies.Add(new StageCopy(Resolve(from["--from=".Length..].ToLowerInvariant(), instruction.Line, stages), [.. paths.SkipLast(1).Select(p => Absolute(p, "/"))], Absolute(paths[^1], stage.Workdir) + (paths[^1].EndsWith('/') ? "/" : string.Empty)));
                }

                break;
            case "RUN":
                foreach (Match mount in MountFrom().Matches(instruction.Arguments))
                {
                    stage.Mounts.Add(Resolve(mount.Groups[1].Value.ToLowerInvariant(), instruction.Line, stages));
                }

                break;
        }
    }

    /// <summary>Makes a path absolute against a directory (normalising <c>.</c>, <c>..</c> and repeated slashes; no trailing slash).</summary>
    public static string Absolute(string path, string directory)
    {
        var parts = new List<string>();
        foreach (var part in (path.StartsWith('/') ? path : directory + "/" + path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }

    private void Walk(int stage, HashSet<int> seen, bool templated)
    {
        if (!seen.Add(stage))
        {
            return;
        }

        var s = Stages[stage];
        var references = new List<StageReference>(s.Mounts.Concat(s.Copies.Select(c => c.From)));
        if (s.Base is not null)
        {
            references.Add(s.Base);
        }

        foreach (var next in references.Where(r => templated || !r.Templated).SelectMany(r => r.Stages))
        {
            Walk(next, seen, templated);
        }
    }

    private static DockerStage NewStage(DockerfileInstruction from, List<DockerStage> stages, Dictionary<string, string?> globals)
    {
        var words = from.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var platform = words.FirstOrDefault(w => w.StartsWith("--platform=", StringComparison.Ordinal))?["--platform=".Length..];
        var image = words.FirstOrDefault(w => !w.StartsWith("--", StringComparison.Ordinal)) ?? string.Empty;
        var name = words.Length >= 2 && words[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[^1].ToLowerInvariant() : null;
        var resolved = Substitute(image, globals);
        var reference = Resolve(resolved, from.Line, stages);
        return new DockerStage
        {
            Index = stages.Count, Line = from.Line, Name = name, ImageText = image, Image = resolved,
            Platform = platform is null ? null : Substitute(platform, globals), Base = reference.Stages.Count > 0 ? reference : null,
        };
    }

    private static StageReference Resolve(string name, int line, List<DockerStage> stages)
    {
        if (int.TryParse(name, out var index) && index >= 0 && index < stages.Count)
        {
            return new StageReference(line, [index], false);
        }

        if (!name.Contains('$', StringComparison.Ordinal))
        {
            var exact = stages.FindLastIndex(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            return new StageReference(line, exact < 0 ? [] : [exact], false);
        }

        var parts = Reference().Replace(name.ToLowerInvariant(), "\u0001").Split('\u0001');
        var pattern = new Regex("^" + string.Join("[a-z0-9._-]*", parts.Select(p => Regex.Escape(p))) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
        return new StageReference(line, [.. stages.Where(s => s.Name is not null && pattern.IsMatch(s.Name)).Select(s => s.Index)], true);
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?<default>[^}]*))?\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"--mount=\S*\bfrom=([^,\s]+)")]
    private static partial Regex MountFrom();
}

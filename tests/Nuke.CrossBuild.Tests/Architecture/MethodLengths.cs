using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Nuke.CrossBuild.Tests.Architecture;

/// <summary>One source method's length as the compiler saw it.</summary>
/// <param name="Key">The method as the allow-list names it: <c>assembly|Type.Method</c> (no namespace, so moving a file keeps the key).</param>
/// <param name="Lines">First to last source line of its body, inclusive.</param>
/// <param name="Location">Where it starts, <c>file:line</c>.</param>
internal sealed record MethodLength(string Key, int Lines, string Location);

/// <summary>
/// Measures every source method of a compiled assembly from its portable PDB: a method's length is its first to its
/// last sequence point's line, inclusive. The rules, decided so that a method is as long as a reader sees it:
/// <list type="bullet">
/// <item>Lambdas and local functions count into the method that contains them (the compiler emits them as methods of
/// their own — <c>&lt;Create&gt;b__0_0</c>, <c>&lt;RunAsync&gt;g__Local|5_0</c> — named after that method), so a long body
/// moved into a lambda or a trailing local function is still a long method.</item>
/// <item>An async method or iterator counts its state machine's <c>MoveNext</c> (the PDB's state-machine table says whose).</item>
/// <item>Overloads are one entry (the longest); the key has no namespace or parameters.</item>
/// <item>Only files under the project's own sources count: generated sources (regex generator, <c>obj/</c>) do not.</item>
/// <item>A constructor's sequence points include every field and property initialiser of its type, wherever they stand
/// (a settings record's defaults, a static table at the end of a class): a constructor is measured as its longest run
/// of points at most one blank line apart, and a lambda in an initialiser counts on its own.</item>
/// </list>
/// </summary>
internal static class MethodLengths
{
    /// <summary>Measures an assembly whose portable PDB lies beside it.</summary>
    public static IReadOnlyList<MethodLength> Measure(string assemblyPath)
    {
        var pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
        Assert.True(File.Exists(pdbPath), $"expected the portable PDB {pdbPath} beside the assembly, got none");
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath));
        var metadata = pe.GetMetadataReader();
        var pdb = pdbProvider.GetMetadataReader();
        var assembly = metadata.GetString(metadata.GetAssemblyDefinition().Name);
        var spans = metadata.MethodDefinitions.Select(m => SpanOf(metadata, pdb, m)).Where(s => s is not null).Select(s => s!).ToList();

        // Source methods first, then the compiler's methods (lambdas, local functions) folded into theirs.
        var owners = spans.Where(s => !s.Nested).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var nested in spans.Where(s => s.Nested))
        {
            // Among overloads, the one in the same file that starts last before the lambda does.
            var candidates = owners.TryGetValue(nested.Key, out var list) ? list.Where(o => o.Document == nested.Document).ToList() : [];
            var owner = candidates.Where(o => o.First <= nested.First).MaxBy(o => o.First) ?? candidates.MinBy(o => o.First);
            if (owner is null)
            {
                owners[nested.Key] = [nested with { Nested = false }];
                continue;
            }

            list![list.IndexOf(owner)] = owner with { First = Math.Min(owner.First, nested.First), Last = Math.Max(owner.Last, nested.Last) };
        }

        return [.. owners.Select(o => o.Value.MaxBy(s => s.Last - s.First)!)
            .Select(s => new MethodLength($"{assembly}|{s.Key}", s.Last - s.First + 1, $"{RelativeToRepo(s.Document)}:{s.First}"))
            .OrderBy(m => m.Key, StringComparer.Ordinal)];
    }

    private sealed record Span(string Key, bool Nested, string Document, int First, int Last);

    private static Span? SpanOf(MetadataReader metadata, MetadataReader pdb, MethodDefinitionHandle handle)
    {
        var debug = pdb.GetMethodDebugInformation(handle.ToDebugInformationHandle());
        var points = debug.GetSequencePoints().Where(p => !p.IsHidden).ToList();
        var document = points.Count > 0 ? pdb.GetString(pdb.GetDocument(points[0].Document).Name) : null;
        if (document is null || !IsOwnSource(document))
        {
            return null;
        }

        var source = debug.GetStateMachineKickoffMethod() is { IsNil: false } kickoff ? kickoff : handle;
        var method = metadata.GetMethodDefinition(source);
        var type = method.GetDeclaringType();
        while (metadata.GetString(metadata.GetTypeDefinition(type).Name).StartsWith('<'))
        {
            type = metadata.GetTypeDefinition(type).GetDeclaringType();
        }

        var name = metadata.GetString(method.Name);
        // <Create>b__0_0 (lambda), <Create>g__Local|0_0 (local function): the method the compiler made it from.
        var generated = name.StartsWith('<') ? name[1..name.IndexOf('>', StringComparison.Ordinal)] : null;
        var (first, last) = name is ".ctor" or ".cctor" ? LongestRun(points) : (points.Min(p => p.StartLine), points.Max(p => p.EndLine));
        var constructorLambda = generated is ".ctor" or ".cctor";
        return new Span($"{TypeName(metadata, type)}.{(constructorLambda ? name : generated ?? name)}", generated is not null && !constructorLambda, document, first, last);
    }

    // A constructor's sequence points include every field and property initialiser of its type, wherever they stand: the
    // constructor is its longest run of points at most one blank line apart (initialisers are split by their docs).
    private static (int First, int Last) LongestRun(List<SequencePoint> points)
    {
        var runs = new List<(int First, int Last)>();
        foreach (var point in points.OrderBy(p => p.StartLine))
        {
            if (runs.Count > 0 && point.StartLine <= runs[^1].Last + 2)
            {
                runs[^1] = (runs[^1].First, Math.Max(runs[^1].Last, point.EndLine));
            }
            else
            {
                runs.Add((point.StartLine, point.EndLine));
            }
        }

        return runs.MaxBy(r => r.Last - r.First);
    }

    private static string TypeName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        var name = metadata.GetString(type.Name).Split('`')[0];
        return type.GetDeclaringType() is { IsNil: false } outer ? $"{TypeName(metadata, outer)}.{name}" : name;
    }

    private static bool IsOwnSource(string document)
    {
        var path = document.Replace('\\', '/');
        return path.EndsWith(".cs", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/generated/", StringComparison.OrdinalIgnoreCase);
    }

    // Relative to the repository (a CI build's mapped paths, /_/..., from the map's root).
    private static string RelativeToRepo(string document)
    {
        var path = document.Replace('\\', '/');
        var root = Infra.RepoPaths.Root.Replace('\\', '/').TrimEnd('/') + "/";
        return path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..]
            : path.StartsWith("/_/", StringComparison.Ordinal) ? path[3..]
            : Path.GetFileName(path);
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// A compile the doctor cannot see (make without a readable Makefile, a script not in the context) in a Go stage on
/// <c>$BUILDPLATFORM</c> whose stages never mention the target (no TARGET* ARG, GOARCH, xx or <c>crossbuild toolchain
/// env</c>): whatever it builds is built the same for every platform, for the build machine. It is an error when that
/// is proven for the image — the image's program is copied from the stage into a base without libc (so it is a native
/// binary, not a script), nothing the stage reads can differ per target, and the platforms span several architectures —
/// and a warning when a file of the stage may reach the image.
/// </summary>
internal static partial class HostCompileRules
{
    private const string Rule = "build-platform-compile";
    private const string Fix = "ARG TARGETOS TARGETARCH TARGETVARIANT in this stage and pass them to the build (GOOS=$TARGETOS GOARCH=$TARGETARCH make build, GOARM from TARGETVARIANT), and keep the Makefile or script in the build context so the doctor can follow it";
    private static readonly string[] PathDirectories = ["/usr/local/bin", "/usr/local/sbin", "/usr/bin", "/usr/sbin", "/bin", "/sbin"];

    public static void Check(GoBuildAnalyzer analyzer, IReadOnlyList<DockerfileInstruction> all, List<DockerfileFinding> findings)
    {
        var graph = analyzer.Graph;
        var image = graph.BaseChain(graph.Target);
        foreach (var (stage, line) in analyzer.HostCompiles.Distinct())
        {
            var chain = graph.BaseChain(stage);
            if (image.Contains(stage) || chain.Any(s => all.Any(i => i.Stage == s && MentionsTarget(i))))
            {
                continue;
            }

            var copies = image.SelectMany(s => graph.Stages[s].Copies).Where(c => c.From.Stages.Any(f => graph.BaseChain(f).Contains(stage)) && !c.Sources.Any(s => s.Contains("TARGET", StringComparison.Ordinal))).ToList();
            if (Program(all, image) is { } program && copies.Any(c => !c.From.Templated && Delivers(c, program)) && Proven(analyzer, all, chain))
            {
                findings.Add(new(line, Rule, "error", $"this compile runs on the build machine ($BUILDPLATFORM) and nothing in its stage names the target (no TARGETOS/TARGETARCH/TARGETPLATFORM, GOARCH, xx or crossbuild toolchain env): it builds one binary, for the build machine, and every image gets it as its program {program}, though the platforms span {string.Join(", ", Architectures(analyzer) ?? ["every architecture"])}", Fix));
            }
            else if (copies.Count > 0 || FileFlow.Reach(graph, stage, null) != FileReach.No)
            {
                findings.Add(new(line, Rule, "warning", "this compile runs on the build machine ($BUILDPLATFORM) and nothing in its stage names the target (no TARGETOS/TARGETARCH/TARGETPLATFORM, GOARCH, xx or crossbuild toolchain env): what it builds is for the build machine and the same for every platform, and files of this stage reach the image", Fix));
            }
        }
    }

    private static bool MentionsTarget(DockerfileInstruction instruction)
        => TargetWords().IsMatch(instruction.Arguments) || instruction.Heredocs.Any(h => TargetWords().IsMatch(h.Body));

    // Proven only when nothing the stage reads can differ per target or per invocation: no other stage copied or
    // mounted in, no ARG without a default (a --build-arg could pass an architecture), a base image with no variables,
    // and the platforms span more than one architecture (one binary cannot serve them all).
    private static bool Proven(GoBuildAnalyzer analyzer, IReadOnlyList<DockerfileInstruction> all, IReadOnlyList<int> chain)
    {
        var graph = analyzer.Graph;
        var openArg = all.Any(i => chain.Contains(i.Stage) && i.Keyword == "ARG" && i.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Any(w => !w.Contains('=', StringComparison.Ordinal) && !w.StartsWith("BUILD", StringComparison.Ordinal) && graph.Globals.GetValueOrDefault(w) is null));
        var inputs = chain.Any(s => graph.Stages[s].Copies.Any(c => c.From.Stages.Count > 0) || graph.Stages[s].Mounts.Count > 0 || graph.Stages[s].Image.Contains('$', StringComparison.Ordinal));
        return !openArg && !inputs && Architectures(analyzer) is not { Count: < 2 };
    }

    private static List<string>? Architectures(GoBuildAnalyzer analyzer) => analyzer.Platforms is { Count: > 0 } known ? [.. known.Select(p => p.Info.Go.Goarch).Distinct()] : null;

    // The image's program: ENTRYPOINT's (else CMD's) first word, only when the image has no libc (scratch,
    // distroless/static): there it must be a native binary, since no interpreter could run a script.
    private static string? Program(IReadOnlyList<DockerfileInstruction> all, IReadOnlyList<int> image)
    {
        var chain = image.ToHashSet();
        var command = all.LastOrDefault(i => chain.Contains(i.Stage) && i.Keyword == "ENTRYPOINT") ?? all.LastOrDefault(i => chain.Contains(i.Stage) && i.Keyword == "CMD");
        var last = image[^1];
        var libcFree = all.FirstOrDefault(i => i.Stage == last && i.Keyword == "FROM") is { } from && (from.Arguments.Split(' ').Contains("scratch") || from.Arguments.Contains("distroless/static", StringComparison.Ordinal) || from.Arguments.Contains("chainguard/static", StringComparison.Ordinal));
        return command is null || !libcFree ? null : FirstWord(command.Arguments.Trim());
    }

    private static string? FirstWord(string arguments)
    {
        if (!arguments.StartsWith('['))
        {
            return arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        }

        try
        {
            using var document = JsonDocument.Parse(arguments);
            return document.RootElement.EnumerateArray().Select(e => e.GetString()).FirstOrDefault();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool Delivers(StageCopy copy, string program)
    {
        var destinations = copy.Sources.Select(s => copy.Destination.EndsWith('/') || copy.Sources.Count > 1 ? copy.Destination.TrimEnd('/') + "/" + s[(s.LastIndexOf('/') + 1)..] : copy.Destination);
        return destinations.Any(d => d == program || (!program.Contains('/', StringComparison.Ordinal) && PathDirectories.Any(p => d == p + "/" + program)));
    }

    [GeneratedRegex(@"TARGET(PLATFORM|OS|ARCH|VARIANT)|GOARCH|\bxx-|toolchain env")]
    private static partial Regex TargetWords();
}

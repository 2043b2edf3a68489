using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>Rules about one compile stage the target reaches: emulated compiles, GOARCH cut out of TARGETPLATFORM, module download order, dynamic cgo binaries copied onto a base without libc.</summary>
internal static partial class StageRules
{
    public static void Check(GoBuildAnalyzer analyzer, IReadOnlyList<DockerfileInstruction> all, List<DockerfileFinding> findings)
    {
        var graph = analyzer.Graph;
        for (var stage = 0; stage < graph.Stages.Count; stage++)
        {
            if (!graph.IsReachable(stage))
            {
                continue;
            }

            var body = all.Where(i => i.Stage == stage && i.Keyword is not "#" and not "FROM").ToList();
            var scripts = body.Select(i => (Instruction: i, Text: i.Keyword == "RUN" ? RunScripts.ShellOf(i) ?? string.Empty : i.Arguments)).ToList();
            var runs = scripts.Where(s => s.Instruction.Keyword == "RUN").ToList();
            var goBuild = runs.FirstOrDefault(r => GoBuild().IsMatch(r.Text)).Instruction;
            if (goBuild is null)
            {
                continue;
            }

            var from = graph.Stages[stage];
            var stageText = string.Join('\n', scripts.Select(s => s.Text));
            if (analyzer.StageKinds[stage] == StageKind.Target)
            {
                var cgo = stageText.Contains("CGO_ENABLED=1", StringComparison.Ordinal) || CInstall().IsMatch(stageText);
                findings.Add(new(from.Line, DockerfileDoctor.EmulatedBuildStage, "warning", "this stage compiles Go but runs on the target platform: every non-native platform compiles under QEMU (often 10x slower, and go build can segfault there)", cgo
                    ? "FROM --platform=$BUILDPLATFORM with xx (xx-apk/xx-apt-get install the target's gcc and libraries, then xx-go build) or eval \"$(crossbuild toolchain env $TARGETPLATFORM --cgo)\"; keep it emulated only if the C libraries have no cross packages"
                    : "FROM --platform=$BUILDPLATFORM ... and set GOOS/GOARCH from ARG TARGETOS TARGETARCH"));
            }

            foreach (var surgery in scripts.Where(s => PlatformSurgery().IsMatch(s.Text)))
            {
                findings.Add(new(surgery.Instruction.Line, "goarch-from-targetplatform", "error", "GOARCH cut out of TARGETPLATFORM: linux/arm/v7 gives 'arm/v7' (the build breaks) or 'arm' and the variant is lost", "GOARCH=$TARGETARCH, with GOARM from TARGETVARIANT (${TARGETVARIANT#v})"));
            }

            Download(body, runs.Select(r => r.Instruction).ToList(), findings);
            if (stageText.Contains("CGO_ENABLED=1", StringComparison.Ordinal) && !StaticLink().IsMatch(stageText))
            {
                foreach (var consumer in graph.Stages.Where(s => graph.IsReachable(s.Index) && s.Copies.Any(c => c.From.Stages.Contains(stage)) && IsLibcFree(graph, s.Index)))
                {
                    findings.Add(new(consumer.Line, "dynamic-binary-on-scratch", "error", $"CGO_ENABLED=1 (line {goBuild.Line}) builds a dynamically linked binary, but this stage has no libc: it fails with 'no such file or directory'", "link statically (-tags osusergo,netgo -ldflags '-linkmode external -extldflags -static'), or use a glibc/musl runtime base"));
                }
            }
        }
    }

    private static void Download(List<DockerfileInstruction> body, List<DockerfileInstruction> runs, List<DockerfileFinding> findings)
    {
        var download = runs.FirstOrDefault(r => r.Arguments.Contains("go mod download", StringComparison.Ordinal));
        var targetArg = body.FirstOrDefault(i => i.Keyword == "ARG" && i.Arguments.Contains("TARGET", StringComparison.Ordinal));
        if (download is not null && targetArg is not null && targetArg.Line < download.Line)
        {
            findings.Add(new(download.Line, "download-per-platform", "warning", $"go mod download runs after ARG {targetArg.Arguments} (line {targetArg.Line}): modules are downloaded once per platform", "move go mod download above the ARG TARGET... line"));
        }

        var copyAll = body.FirstOrDefault(i => i.Keyword == "COPY" && CopyAll().IsMatch(i.Arguments));
        if (download is not null && copyAll is not null && copyAll.Line < download.Line)
        {
            findings.Add(new(copyAll.Line, "sources-before-download", "warning", "all sources are copied before go mod download: any edit re-downloads every module", "COPY go.mod go.sum ./ then RUN go mod download, then the sources (or RUN --mount=type=bind)"));
        }
    }

    /// <summary>Returns whether a stage's base has no libc (scratch, distroless/static, chainguard/static).</summary>
    public static bool IsLibcFree(StageGraph graph, int stage)
    {
        var image = graph.Stages[graph.BaseChain(stage)[^1]].Image;
        return image == "scratch" || image.Contains("distroless/static", StringComparison.Ordinal) || image.Contains("chainguard/static", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bgo\s+(build|install)\b")]
    private static partial Regex GoBuild();

    [GeneratedRegex(@"(apk\s+add|apt-get\s+install|apt\s+install|yum\s+install|dnf\s+install)\b[^\n&;|]*(\bgcc\b|build-base|musl-dev|-dev\b|-devel\b)")]
    private static partial Regex CInstall();

    [GeneratedRegex(@"\$\{?TARGETPLATFORM#|\$\{TARGETPLATFORM%|TARGETPLATFORM\}?""?\s*\|\s*(cut|sed|awk)|\$\{TARGETPLATFORM//|echo\s+""?\$\{?TARGETPLATFORM\}?""?\s*\|")]
    private static partial Regex PlatformSurgery();

    [GeneratedRegex(@"^(--\S+\s+)*\.\s+\S+")]
    private static partial Regex CopyAll();

    [GeneratedRegex(@"extldflags[ =]+[""']?-static|-static-pie")]
    private static partial Regex StaticLink();
}

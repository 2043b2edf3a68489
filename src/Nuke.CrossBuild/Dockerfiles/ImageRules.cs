using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// Rules about the image as a whole: where its stage runs (a constant <c>--platform</c>, the <c>$BUILDPLATFORM</c>
/// build stage shipped), base images named by an ARG without default or pinned to one architecture, several arch
/// builds copied to one path, compiles out of sight (ONBUILD), <c># syntax=</c> and <c>latest</c> tags.
/// </summary>
internal static partial class ImageRules
{
    public static void Check(GoBuildAnalyzer analyzer, ParsedDockerfile parsed, List<DockerfileFinding> findings)
    {
        var graph = analyzer.Graph;
        if (parsed.Directives.TryGetValue("syntax", out var syntax))
        {
            findings.Add(new(syntax.Line, "syntax-directive", "info", $"'# syntax={syntax.Value}' makes BuildKit pull the frontend image {syntax.Value} before the build: the build needs registry access (offline builds fail here)", "nothing to change where the registry is reachable (Docker recommends '# syntax=docker/dockerfile:1'); offline, pre-pull the frontend image or mirror it"));
        }

        var multi = analyzer.Platforms is not { Count: 1 };
        var others = (string arch) => analyzer.Platforms is not { Count: > 0 } known || known.Any(p => p.Info.Go.Goarch != Goarch(arch));
        var chain = graph.BaseChain(graph.Target);
        foreach (var stage in graph.Stages.Where(s => graph.IsReachable(s.Index)))
        {
            Base(graph, stage, multi, findings);
            if (stage.Image.Contains("onbuild", StringComparison.OrdinalIgnoreCase) && stage.Base is null)
            {
                findings.Add(new(stage.Line, "compile-not-visible", "info", $"the compile is not visible (ONBUILD triggers of {stage.Image}): the image's binaries will be verified instead", "build with an explicit stage: FROM --platform=$BUILDPLATFORM golang:... AS build, then GOOS/GOARCH from TARGETOS/TARGETARCH"));
            }
        }

        var top = graph.Stages[chain[^1]];
        if (chain.Select(i => graph.Stages[i]).FirstOrDefault(s => s.FixedArch is not null && !graph.IsPerArch(s.Index)) is { } pinned && pinned.Image != "scratch" && others(pinned.FixedArch!))
        {
            findings.Add(new(pinned.Line, "final-stage-fixed-platform", "error", $"the image's stage is pinned with --platform={pinned.Platform}: every platform's image gets {pinned.Platform} userland (BuildKit check FromPlatformFlagConstDisallowed)", "drop --platform here (the stage then follows each target), or pick per-arch stages by name: FROM runtime-$TARGETARCH"));
        }
        else if (chain.Select(i => graph.Stages[i]).FirstOrDefault(s => s.OnBuildPlatform) is { } build && top.Image != "scratch" && multi)
        {
            // A libc-free base (distroless/static) holds no architecture-specific programs: a smell, not a wrong image.
            var severity = StageRules.IsLibcFree(graph, graph.Target) ? "warning" : "error";
            findings.Add(new(graph.Stages[graph.Target].Line, "build-stage-shipped", severity, $"the image is the $BUILDPLATFORM stage{(build.Name is null ? string.Empty : $" '{build.Name}'")} (line {build.Line}): every platform's image carries the build machine's {top.Image} {(severity == "error" ? "userland" : "files (no programs in this base, but the image's layers are the build machine's)")}", $"copy the binary into a runtime stage instead: FROM <runtime image> then COPY --from={build.Name ?? build.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)} <binary> <path>"));
        }
        else if (top.Platform is null && !graph.IsPerArch(top.Index) && ArchToken().Match(top.Image) is { Success: true } token && others(token.Value) && !top.ImageText.Contains(token.Value, StringComparison.Ordinal) == top.ImageText.Contains('$', StringComparison.Ordinal))
        {
            findings.Add(new(top.Line, "base-arch-pinned", "error", $"the image's base resolves to {top.Image} for every platform{(top.ImageText != top.Image ? $" (from {top.ImageText} and the ARG defaults)" : string.Empty)}: every platform's image gets {token.Value} userland", "use a multi-arch base (the same tag for every platform), or ${TARGETARCH}/${TARGETOS}, which BuildKit sets per platform"));
        }

        Collisions(graph, chain, others, findings);
        if (!analyzer.SawCompile && !findings.Any(f => f.Rule == "compile-not-visible"))
        {
            findings.Add(new(graph.Stages[graph.Target].Line, "compile-not-visible", "info", "no go build in the stages this image is built from: its binaries come from the build context, an image or a compile out of sight, and the image's binaries will be verified instead", "nothing to change if the binaries are built elsewhere per platform; crossbuild image verify checks every platform's binary"));
        }
    }

    private static void Base(StageGraph graph, DockerStage stage, bool multi, List<DockerfileFinding> findings)
    {
        foreach (Match reference in Reference().Matches(stage.ImageText))
        {
            var name = reference.Groups["name"].Value;
            if (!name.StartsWith("TARGET", StringComparison.Ordinal) && !name.StartsWith("BUILD", StringComparison.Ordinal) && !reference.Groups["default"].Success && graph.Globals.GetValueOrDefault(name) is null)
            {
                findings.Add(new(stage.Line, "base-arg-no-default", multi ? "error" : "warning", $"FROM {stage.ImageText} uses ARG {name}, which has no default: without --build-arg the image is '{Reference().Replace(stage.Image, m => graph.Globals.GetValueOrDefault(m.Groups["name"].Value) ?? string.Empty)}' (BuildKit check InvalidDefaultArgInFrom), and one --build-arg cannot differ per platform", "give the ARG a default, or use ${TARGETARCH}/${TARGETOS}, which BuildKit sets per platform"));
            }
        }

        if (stage.Base is null && stage.Image != "scratch" && !stage.Image.Contains('$', StringComparison.Ordinal) && !stage.Image.Contains('@', StringComparison.Ordinal)
            && (stage.Image.EndsWith(":latest", StringComparison.Ordinal) || !TagAfterName().IsMatch(stage.Image)))
        {
            findings.Add(new(stage.Line, "latest-tag", "warning", $"'{stage.Image}' follows latest: builds change under you and platforms can disappear", "pin a version tag, or a digest (image:tag@sha256:...)"));
        }
    }

    // Several arch builds copied to one path in the image: the last COPY wins for every platform.
    private static void Collisions(StageGraph graph, IReadOnlyList<int> chain, Func<string, bool> others, List<DockerfileFinding> findings)
    {
        var copies = chain.SelectMany(i => graph.Stages[i].Copies).Select(c => (Copy: c, Path: Target(c), Arch: Arch(graph, c))).Where(c => c.Arch is not null);
        foreach (var group in copies.GroupBy(c => c.Path).Where(g => g.Select(c => c.Arch).Distinct().Count() > 1))
        {
            var last = group.OrderBy(c => c.Copy.From.Line).Last();
            findings.Add(new(last.Copy.From.Line, "copies-collide", "error", $"{group.Count()} COPY --from write {group.Key} ({string.Join(", ", group.Select(c => $"{c.Arch} at line {c.Copy.From.Line}"))}): the last wins, so every platform's image gets the {last.Arch} build", "one COPY from a stage or path picked per platform: COPY --from=build-$TARGETARCH, or /out/$TARGETARCH/app"));
        }
    }

    private static string Target(StageCopy copy) => copy.Destination.EndsWith('/') ? copy.Destination + copy.Sources[^1][(copy.Sources[^1].LastIndexOf('/') + 1)..] : copy.Destination;

    private static string? Arch(StageGraph graph, StageCopy copy)
    {
        var names = string.Join(' ', copy.Sources.Concat(copy.From.Templated ? [] : copy.From.Stages.Select(s => graph.Stages[s].Name ?? graph.Stages[s].Platform ?? string.Empty)));
        return copy.Sources.Any(s => s.Contains('$', StringComparison.Ordinal)) ? null : ArchToken().Match(names) is { Success: true } m ? Goarch(m.Value) : null;
    }

    private static string Goarch(string token) => token switch
    {
        "x86_64" => "amd64",
        "aarch64" or "arm64v8" => "arm64",
        "armv7" or "armhf" or "arm32v7" or "armv6" or "arm32v6" => "arm",
        "i386" => "386",
        _ => token,
    };

    [GeneratedRegex(@"(?<![a-z0-9])(amd64|arm64v8|arm64|x86_64|aarch64|arm32v7|arm32v6|armv7|armv6|armhf|i386|ppc64le|s390x|riscv64)(?![a-z0-9])")]
    private static partial Regex ArchToken();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?<default>[^}]*))?\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^[^/]*(/[^/]+)*:[\w][\w.-]*$|^[^:]+:[0-9]+/.+:[\w][\w.-]*$")]
    private static partial Regex TagAfterName();
}

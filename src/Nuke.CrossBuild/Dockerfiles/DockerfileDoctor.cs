using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// Reads a Dockerfile and reports, with line numbers and the fix, the mistakes that make multi-platform Go images
/// slow or wrong: emulated compile stages, GOARCH by string surgery, missing GOARM, cache-busting order, dynamic
/// cgo binaries on scratch, <c># syntax=</c> lines and <c>latest</c> tags.
/// </summary>
public static partial class DockerfileDoctor
{
    /// <summary>The rule id of a compile stage that runs on the target platform (so under QEMU for every non-native one).</summary>
    public const string EmulatedBuildStage = "emulated-build-stage";

    /// <summary>Returns whether the findings say the build stage runs on the target platform.</summary>
    /// <param name="findings">The findings of <see cref="Examine(string)"/>.</param>
    /// <returns>Whether the build stage is emulated.</returns>
    public static bool EmulatesBuildStage(IEnumerable<DockerfileFinding> findings) => findings.Any(f => f.Rule == EmulatedBuildStage);

    /// <summary>Returns whether the Dockerfile at a path runs its build stage on the target platform; false when there is no file.</summary>
    /// <param name="path">The Dockerfile.</param>
    /// <returns>Whether the build stage is emulated.</returns>
    public static bool FileEmulatesBuildStage(string path) => File.Exists(path) && EmulatesBuildStage(Examine(File.ReadAllText(path)));

    /// <summary>Returns whether building the Dockerfile runs anything on the target platform (a RUN in a stage without <c>--platform=$BUILDPLATFORM</c>), so that each non-native platform needs its emulator.</summary>
    /// <param name="text">The Dockerfile.</param>
    /// <returns>Whether some RUN is emulated.</returns>
    public static bool NeedsEmulation(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var all = DockerfileInstruction.Parse(text);
        var analyzer = new GoBuildAnalyzer(null);
        analyzer.Analyze(all);
        return all.Any(i => i.Keyword == "RUN" && i.Stage >= 0 && analyzer.StageKinds[i.Stage] == StageKind.Target);
    }

    /// <summary>Returns whether the Dockerfile at a path runs anything on the target platform; false when there is no file.</summary>
    /// <param name="path">The Dockerfile.</param>
    /// <returns>Whether some RUN is emulated.</returns>
    public static bool FileNeedsEmulation(string path) => File.Exists(path) && NeedsEmulation(File.ReadAllText(path));

    /// <summary>Examines a Dockerfile.</summary>
    /// <param name="text">The Dockerfile.</param>
    /// <returns>The findings, by line.</returns>
    public static IReadOnlyList<DockerfileFinding> Examine(string text) => Examine(text, null);

    /// <summary>Examines a Dockerfile for the platforms it will be built for (a GOARCH fixed to the one target arch is then fine).</summary>
    /// <param name="text">The Dockerfile.</param>
    /// <param name="platforms">The target platforms, or null when unknown (every platform is assumed).</param>
    /// <returns>The findings, by line.</returns>
    public static IReadOnlyList<DockerfileFinding> Examine(string text, IReadOnlyList<Platforms.Platform>? platforms)
    {
        ArgumentNullException.ThrowIfNull(text);
        var all = DockerfileInstruction.Parse(text);
        var analyzer = new GoBuildAnalyzer(platforms);
        var findings = new List<DockerfileFinding>(analyzer.Analyze(all));
        var froms = all.Where(i => i.Keyword == "FROM").ToList();
        var stageNames = froms.Select(f => AsName().Match(f.Arguments) is { Success: true } m ? m.Groups[1].Value.ToLowerInvariant() : null).ToList();
        var globalArgs = all.Where(i => i.Stage < 0 && i.Keyword == "ARG").Select(i => i.Arguments).ToList();

        foreach (var directive in all.Where(i => i.Keyword == "#" && SyntaxDirective().IsMatch(i.Arguments) && i.Stage < 0))
        {
            findings.Add(new(directive.Line, "syntax-directive", "warning", "a '# syntax=' line makes BuildKit pull a frontend image before every build (and fail offline)", "remove it; the built-in frontend supports RUN --mount and heredocs"));
        }

        foreach (var from in froms)
        {
            var image = FromImage(from.Arguments);
            var resolved = ResolveArg(image, globalArgs);
            if (resolved is not null && !stageNames.Contains(resolved.ToLowerInvariant()) && resolved != "scratch" && !resolved.Contains('$', StringComparison.Ordinal)
                && !resolved.Contains('@', StringComparison.Ordinal) && (resolved.EndsWith(":latest", StringComparison.Ordinal) || !TagAfterName().IsMatch(resolved)))
            {
                findings.Add(new(from.Line, "latest-tag", "warning", $"'{resolved}' follows latest: builds change under you and platforms can disappear", "pin a version tag, or a digest (image:tag@sha256:...)"));
            }
        }

        for (var stage = 0; stage < froms.Count; stage++)
        {
            var body = all.Where(i => i.Stage == stage && i.Keyword != "#").ToList();
            var runs = body.Where(i => i.Keyword == "RUN").ToList();
            var goBuild = runs.FirstOrDefault(r => GoBuild().IsMatch(r.Arguments));
            if (goBuild is null)
            {
                continue;
            }

            var from = froms[stage];
            var stageText = string.Join('\n', body.Select(i => i.Arguments));
            if (analyzer.StageKinds[stage] == StageKind.Target)
            {
                findings.Add(new(from.Line, EmulatedBuildStage, "warning", "this stage only compiles Go but runs on the target platform: every non-native platform compiles under QEMU (often 10x slower, and go build can segfault there)", "FROM --platform=$BUILDPLATFORM ... and set GOOS/GOARCH from ARG TARGETOS TARGETARCH"));
            }

            foreach (var surgery in body.Where(i => PlatformSurgery().IsMatch(i.Arguments)))
            {
                findings.Add(new(surgery.Line, "goarch-from-targetplatform", "error", "GOARCH cut out of TARGETPLATFORM: linux/arm/v7 gives 'arm/v7' (the build breaks) and the variant is lost", "GOARCH=$TARGETARCH, with GOARM from TARGETVARIANT (${TARGETVARIANT#v})"));
            }

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

            if (stageText.Contains("CGO_ENABLED=1", StringComparison.Ordinal) && !StaticLink().IsMatch(stageText))
            {
                var consumer = FinalConsumers(all, froms, stageNames, stage).FirstOrDefault(f => IsLibcFree(ResolveArg(FromImage(f.Arguments), globalArgs)));
                if (consumer is not null)
                {
                    findings.Add(new(consumer.Line, "dynamic-binary-on-scratch", "error", $"CGO_ENABLED=1 (line {goBuild.Line}) builds a dynamically linked binary, but this stage has no libc: it fails with 'no such file or directory'", "link statically (-tags osusergo,netgo -ldflags '-linkmode external -extldflags -static'), or use a glibc/musl runtime base"));
                }
            }
        }

        return [.. findings.OrderBy(f => f.Line).ThenBy(f => f.Severity == "error" ? 0 : 1)];
    }

    private static IEnumerable<DockerfileInstruction> FinalConsumers(IReadOnlyList<DockerfileInstruction> all, List<DockerfileInstruction> froms, List<string?> names, int stage)
    {
        var name = names[stage];
        var consumers = all.Where(i => i.Keyword == "COPY" && i.Stage > stage && (i.Arguments.Contains($"--from={stage}", StringComparison.Ordinal) || (name is not null && i.Arguments.Contains($"--from={name}", StringComparison.OrdinalIgnoreCase))));
        return consumers.Select(c => froms[c.Stage]).Distinct();
    }

    private static bool IsLibcFree(string? image) => image is not null && (image == "scratch" || image.Contains("distroless/static", StringComparison.Ordinal) || image.Contains("chainguard/static", StringComparison.Ordinal));

    private static string FromImage(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? string.Empty;

    private static string? ResolveArg(string image, List<string> globalArgs)
    {
        var match = ArgReference().Match(image);
        if (!match.Success)
        {
            return image;
        }

        var name = match.Groups[1].Value;
        var declared = globalArgs.Select(a => a.Split('=', 2)).FirstOrDefault(a => a[0] == name && a.Length == 2);
        return declared is null ? null : image.Replace(match.Value, declared[1], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?i)\bAS\s+([\w.-]+)\s*$")]
    private static partial Regex AsName();

    [GeneratedRegex(@"^\s*syntax\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SyntaxDirective();

    [GeneratedRegex(@"^[^/]*(/[^/]+)*:[\w][\w.-]*$|^[^:]+:[0-9]+/.+:[\w][\w.-]*$")]
    private static partial Regex TagAfterName();

    [GeneratedRegex(@"\bgo\s+build\b")]
    private static partial Regex GoBuild();

    [GeneratedRegex(@"\$\{?TARGETPLATFORM#|\$\{TARGETPLATFORM%|TARGETPLATFORM\s*\|\s*(cut|sed|awk)|\$\{TARGETPLATFORM//|echo\s+""?\$\{?TARGETPLATFORM\}?""?\s*\|")]
    private static partial Regex PlatformSurgery();

    [GeneratedRegex(@"^(--\S+\s+)*\.\s+\S+")]
    private static partial Regex CopyAll();

    [GeneratedRegex(@"extldflags[ =]+[""']?-static|-static-pie")]
    private static partial Regex StaticLink();

    [GeneratedRegex(@"\$\{?(\w+)\}?")]
    private static partial Regex ArgReference();
}

using System.Runtime.InteropServices;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// Reads a Dockerfile as BuildKit parses it and reports, with line numbers, the causing value and the fix, what makes a
/// multi-platform Go image wrong or slow. Only the stages the built target reaches count. An <c>error</c> means the
/// analysis proves a wrong binary, wrong userland or a broken build for a requested platform; anything less sure is a
/// <c>warning</c>; an <c>info</c> says what the doctor cannot see (a compile in make, a script, ONBUILD).
/// </summary>
public static class DockerfileDoctor
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
    /// <exception cref="DockerfileFormatException">The file is not a Dockerfile.</exception>
    public static bool FileEmulatesBuildStage(string path) => File.Exists(path) && EmulatesBuildStage(Examine(File.ReadAllText(path)));

    /// <summary>Returns whether building the Dockerfile runs anything on a platform other than the build machine's (a RUN in a reachable stage without <c>--platform=$BUILDPLATFORM</c>, or target code run on the build platform), so that each non-native platform needs its emulator.</summary>
    /// <param name="text">The Dockerfile.</param>
    /// <returns>Whether some RUN is emulated.</returns>
    /// <exception cref="DockerfileFormatException">The text is not a Dockerfile.</exception>
    public static bool NeedsEmulation(string text) => NeedsEmulation(text, new DockerfileDoctorSettings());

    /// <summary>Returns whether building the Dockerfile's target runs anything on a platform other than the build machine's; only stages the target reaches count.</summary>
    /// <param name="text">The Dockerfile.</param>
    /// <param name="settings">The target stage and platforms.</param>
    /// <returns>Whether some RUN is emulated.</returns>
    /// <exception cref="DockerfileFormatException">The text is not a Dockerfile, or the target is no stage of it.</exception>
    public static bool NeedsEmulation(string text, DockerfileDoctorSettings settings)
    {
        var (parsed, analyzer, _) = Analyze(text, settings);
        var host = RuntimeInformation.OSArchitecture switch { Architecture.X64 => "amd64", Architecture.Arm64 => "arm64", _ => "other" };
        return analyzer.RunsTargetCode || parsed.Instructions.Any(i => i.Keyword == "RUN" && i.Stage >= 0 && analyzer.Graph.IsReachable(i.Stage)
            && (analyzer.StageKinds[i.Stage] == StageKind.Target || (analyzer.StageKinds[i.Stage] == StageKind.Fixed && analyzer.Graph.Stages[i.Stage].FixedArch != host)));
    }

    /// <summary>Returns whether the Dockerfile at a path runs anything on the target platform; false when there is no file.</summary>
    /// <param name="path">The Dockerfile.</param>
    /// <returns>Whether some RUN is emulated.</returns>
    /// <exception cref="DockerfileFormatException">The file is not a Dockerfile.</exception>
    public static bool FileNeedsEmulation(string path) => File.Exists(path) && NeedsEmulation(File.ReadAllText(path));

    /// <summary>Examines a Dockerfile.</summary>
    /// <param name="text">The Dockerfile.</param>
    /// <returns>The findings, by line.</returns>
    /// <exception cref="DockerfileFormatException">The text is not a Dockerfile.</exception>
    public static IReadOnlyList<DockerfileFinding> Examine(string text) => Examine(text, new DockerfileDoctorSettings());

    /// <summary>Examines a Dockerfile for the platforms it will be built for (a GOARCH fixed to the one target arch is then fine).</summary>
    /// <param name="text">The Dockerfile.</param>
    /// <param name="platforms">The target platforms, or null when unknown (every platform is assumed).</param>
    /// <returns>The findings, by line.</returns>
    /// <exception cref="DockerfileFormatException">The text is not a Dockerfile.</exception>
    public static IReadOnlyList<DockerfileFinding> Examine(string text, IReadOnlyList<Platforms.Platform>? platforms) => Examine(text, new DockerfileDoctorSettings { Platforms = platforms });

    /// <summary>Examines a Dockerfile for the platforms and target stage it will be built for, reading scripts and Makefiles from the build context.</summary>
    /// <param name="text">The Dockerfile.</param>
    /// <param name="settings">The platforms, target stage and build context.</param>
    /// <returns>The findings, by line (errors first on a line).</returns>
    /// <exception cref="DockerfileFormatException">The text is not a Dockerfile, or the target is no stage of it.</exception>
    public static IReadOnlyList<DockerfileFinding> Examine(string text, DockerfileDoctorSettings settings) => Analyze(text, settings).Findings;

    private static (ParsedDockerfile Parsed, GoBuildAnalyzer Analyzer, IReadOnlyList<DockerfileFinding> Findings) Analyze(string text, DockerfileDoctorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(settings);
        var parsed = DockerfileParser.Parse(text);
        var graph = StageGraph.Build(parsed.Instructions, settings.Target);
        var analyzer = new GoBuildAnalyzer(settings, graph);
        var findings = new List<DockerfileFinding>(analyzer.Analyze(parsed.Instructions));
        StageRules.Check(analyzer, parsed.Instructions, findings);
        ImageRules.Check(analyzer, parsed, findings);
        HostCompileRules.Check(analyzer, parsed.Instructions, findings);
        return (parsed, analyzer, [.. findings.Distinct().OrderBy(f => f.Line).ThenBy(f => Rank(f.Severity))]);
    }

    private static int Rank(string severity) => severity switch { "error" => 0, "warning" => 1, _ => 2 };
}

using System.Text.RegularExpressions;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// Works out, for every <c>go build</c>/<c>go install</c> in the stages the target reaches, the GOOS, GOARCH, GOARM,
/// CGO_ENABLED and CC it sees — from ENV, ARG (with Dockerfile scoping: a global ARG is not visible in a stage that does
/// not re-declare it; defaults resolved), inline assignments, <c>export</c>, <c>go env -w</c>, xx-go, <c>crossbuild
/// toolchain env</c>, shell here-documents and scripts or Makefiles it can read — and reports what follows for the image.
/// </summary>
internal sealed partial class GoBuildAnalyzer(DockerfileDoctorSettings settings, StageGraph graph)
{
    private static readonly string[] TargetArgs = ["TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT"];
    private static readonly string[] BuildArgs = ["BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT"];
    private readonly List<DockerfileFinding> findings = [];
    private readonly HashSet<(int, string?)> reported = [];
    private readonly List<StageState> stages = [];

    public IReadOnlyList<Platform>? Platforms => settings.Platforms;

    public DockerfileDoctorSettings Settings => settings;

    public StageGraph Graph => graph;

    /// <summary>Gets where each stage runs, in order (after <see cref="Analyze"/>).</summary>
    public IReadOnlyList<StageKind> StageKinds => [.. stages.Select(s => s.Kind)];

    /// <summary>Gets whether a $BUILDPLATFORM stage runs code built for the target (go test/go run, a tool from a target stage).</summary>
    public bool RunsTargetCode { get; set; }

    /// <summary>Gets the compiles out of sight (make, a script) in Go stages on $BUILDPLATFORM: stage index and line.</summary>
    public List<(int Stage, int Line)> HostCompiles { get; } = [];

    /// <summary>Gets whether a compile was seen (a go build/install, or one out of sight that was reported).</summary>
    public bool SawCompile { get; set; }

    public IReadOnlyList<DockerfileFinding> Analyze(IReadOnlyList<DockerfileInstruction> instructions)
    {
        foreach (var instruction in instructions.Where(i => i.Keyword != "#"))
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add(NewStage(graph.Stages[stages.Count]));
            }
            else if (stages.Count > 0)
            {
                Apply(stages[^1], instruction);
            }
        }

        return [.. findings.DistinctBy(f => (f.Line, f.Rule, f.Message))];
    }

    internal void Report(int line, string rule, string severity, string message, string fix) => findings.Add(new DockerfileFinding(line, rule, severity, message, fix));

    /// <summary>Reports once per key (the first report wins: callers report the most severe case first).</summary>
    internal void ReportOnce((int Line, string? Detail) key, int line, string rule, string severity, string message, string fix)
    {
        if (reported.Add(key))
        {
            Report(line, rule, severity, message, fix);
        }
    }

    /// <summary>Classifies an expression against variables in scope: <c>$X</c>/<c>${X…}</c> references and command substitutions; a literal is returned expanded (<c>amd64</c>, not <c>${GOARCH}</c>).</summary>
    internal BuildValue Classify(string text, IReadOnlyDictionary<string, BuildValue> scope, StageState stage)
    {
        var parts = new List<BuildValue>();
        foreach (Match reference in VariableReference().Matches(text))
        {
            var name = reference.Groups[1].Value;
            parts.Add(scope.TryGetValue(name, out var known) ? known
                : TargetArgs.Contains(name) || BuildArgs.Contains(name) || (graph.Globals.ContainsKey(name) && !stage.DeclaredArgs.Contains(name)) ? new BuildValue(ValueSource.OutOfScope, text, name)
                : BuildValue.Unset);
        }

        var value = BuildValue.Combine(text, parts);
        var substituted = text.Contains("$(", StringComparison.Ordinal) || text.Contains('`', StringComparison.Ordinal);
        if (substituted && value.Source is not (ValueSource.OutOfScope or ValueSource.Target or ValueSource.Build))
        {
            return new BuildValue(ValueSource.Unknown, text, "a command substitution");
        }

        if (value.Source != ValueSource.Literal || parts.Count == 0)
        {
            return value;
        }

        var expanded = Expansion().Replace(text, m => scope.TryGetValue(m.Groups["name"].Value, out var v) && v.Source == ValueSource.Literal ? v.Text : m.Groups["default"].Value);
        return expanded.Length == 0 ? new BuildValue(ValueSource.Unset, text) : new BuildValue(ValueSource.Literal, expanded);
    }

    /// <summary>Reads a script or Makefile a RUN names: one a COPY here-document wrote, or one in the build context (relative to WORKDIR, never outside the context, at most 1 MiB); null when there is none.</summary>
    internal string? ReadFile(StageState stage, string path)
    {
        var absolute = StageGraph.Absolute(path, stage.Workdir);
        if (stage.Files.TryGetValue(absolute, out var body))
        {
            return body;
        }

        if (settings.Context is not { } context || path.Contains('$', StringComparison.Ordinal))
        {
            return null;
        }

        var relative = path.StartsWith('/') ? absolute.StartsWith(stage.Workdir.TrimEnd('/') + "/", StringComparison.Ordinal) ? absolute[(stage.Workdir.TrimEnd('/').Length + 1)..] : null : StageGraph.Absolute(path, "/")[1..];
        var root = Path.GetFullPath(context);
        var file = relative is null ? null : Path.GetFullPath(Path.Combine(root, relative));
        return file is not null && file.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && new FileInfo(file) is { Exists: true, Length: < 1 << 20 }
            ? File.ReadAllText(file) : null;
    }

    private void Apply(StageState stage, DockerfileInstruction instruction)
    {
        switch (instruction.Keyword)
        {
            case "ARG":
                foreach (var (name, value) in Pairs(instruction.Arguments))
                {
                    stage.DeclaredArgs.Add(name);
                    stage.Env[name] = TargetArgs.Contains(name) ? new BuildValue(ValueSource.Target, "$" + name)
                        : BuildArgs.Contains(name) ? new BuildValue(ValueSource.Build, "$" + name)
                        : value is not null ? Classify(value, stage.Env, stage)
                        : graph.Globals.TryGetValue(name, out var global) && global is not null ? Classify(global, new Dictionary<string, BuildValue>(StringComparer.Ordinal), stage) : BuildValue.Unset;
                    if (name is "GO_VERSION" or "GOLANG_VERSION" && stage.Env[name] is { Source: ValueSource.Literal } version && GoVersionArg().Match(version.Text) is { Success: true } minor)
                    {
                        stage.GoVersion ??= (int.Parse(minor.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), $"ARG {name}={version.Text}");
                    }
                }

                break;
            case "ENV":
                foreach (var (name, value) in Pairs(instruction.Arguments, envForm: true))
                {
                    stage.Env[name] = Classify(value ?? string.Empty, stage.Env, stage);
                    stage.IsGo |= name.StartsWith("GO", StringComparison.Ordinal) || name == "CGO_ENABLED";
                }

                break;
            case "WORKDIR":
                stage.Workdir = StageGraph.Absolute(instruction.Arguments.Trim('"'), stage.Workdir);
                break;
            case "COPY" or "ADD":
                Copy(stage, instruction);
                break;
            case "RUN" when graph.IsReachable(stage.Index) && RunScripts.ShellOf(instruction) is { } script:
                new RunInterpreter(this, stage, instruction.Line).Run(script);
                break;
        }
    }

    private void Copy(StageState stage, DockerfileInstruction instruction)
    {
        var words = instruction.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (words.Count == 0)
        {
            return;
        }

        var destination = StageGraph.Absolute(words[^1], stage.Workdir);
        foreach (var heredoc in instruction.Heredocs)
        {
            stage.Files[instruction.Heredocs.Count == 1 && !words[^1].EndsWith('/') ? destination : destination + "/" + heredoc.Name] = heredoc.Body;
        }

        var copy = graph.Stages[stage.Index].Copies.FirstOrDefault(c => c.From.Line == instruction.Line);
        if (stage.Kind == StageKind.BuildPlatform && copy is not null && copy.From.Stages.Any(s => stages[s].Kind == StageKind.Target))
        {
            foreach (var source in copy.Sources)
            {
                stage.ForeignTools.Add(copy.Destination.EndsWith('/') || copy.Sources.Count > 1 ? copy.Destination.TrimEnd('/') + "/" + source[(source.LastIndexOf('/') + 1)..] : copy.Destination);
            }
        }
    }

    private StageState NewStage(DockerStage from)
    {
        var parent = from.Base is { Templated: false, Stages: [var p] } ? stages[p] : null;
        var platform = from.Platform;
        var kind = platform switch
        {
            null => parent?.Kind ?? StageKind.Target,
            _ when from.OnBuildPlatform => StageKind.BuildPlatform,
            _ when platform.Contains("TARGET", StringComparison.Ordinal) => StageKind.Target,
            _ => StageKind.Fixed,
        };

        // A stage built FROM another keeps its ENV, go env settings, WORKDIR and files; ARGs are never inherited.
        return new StageState(from.Index, from.Name, kind, platform ?? parent?.PlatformText ?? string.Empty)
        {
            Env = parent is null ? new(StringComparer.Ordinal) : new(parent.Env.Where(e => !parent.DeclaredArgs.Contains(e.Key)), StringComparer.Ordinal),
            GoEnv = parent is null ? new(StringComparer.Ordinal) : new(parent.GoEnv, StringComparer.Ordinal),
            Files = parent is null ? new(StringComparer.Ordinal) : new(parent.Files, StringComparer.Ordinal),
            ForeignTools = parent is null ? new(StringComparer.Ordinal) : new(parent.ForeignTools, StringComparer.Ordinal),
            Workdir = parent?.Workdir ?? "/",
            IsGo = parent?.IsGo == true || GoImage().IsMatch(from.Image),
            GoVersion = parent is null ? GoImageVersion().Match(from.Image) is { Success: true } tag ? (int.Parse(tag.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), from.Image) : null : parent.GoVersion,
        };
    }

    // "A=1 B" (ARG) or "A=1 B=2" / "A 1" (ENV): names and values, quotes removed.
    private static IEnumerable<(string Name, string? Value)> Pairs(string arguments, bool envForm = false)
    {
        var words = ShellScript.Parse(arguments).SelectMany(c => c.Words).ToList();
        if (envForm && words.Count >= 2 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            return [(words[0], string.Join(' ', words.Skip(1)))];
        }

        return words.Select(w => w.IndexOf('=', StringComparison.Ordinal) is var eq && eq > 0 ? (w[..eq], (string?)w[(eq + 1)..]) : (w, null));
    }

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?[-=](?<default>[^}]*))?\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Expansion();

    // golang:1.23, golang:1.23.4-alpine, docker.io/library/golang:1.22-bookworm (the tag after ARG defaults are resolved).
    [GeneratedRegex(@"(?:^|/)golang:1\.(\d+)(?:[.-]|$)")]
    private static partial Regex GoImageVersion();

    [GeneratedRegex(@"^v?1\.(\d+)(?:[.-]|$)")]
    private static partial Regex GoVersionArg();

    [GeneratedRegex(@"(^|/)(golang|go|goreleaser[\w-]*)(:|@|$)|golang")]
    private static partial Regex GoImage();
}

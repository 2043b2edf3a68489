using System.Text.RegularExpressions;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// Works out, for every <c>go build</c>/<c>go install</c> in a Dockerfile, the GOOS, GOARCH, GOARM, CGO_ENABLED and CC it
/// sees — from ENV, ARG (with Dockerfile scoping: a global ARG is not visible in a stage that does not re-declare it),
/// inline assignments, <c>export</c>, <c>go env -w</c>, xx-go and <c>crossbuild toolchain env</c> — and reports a
/// <c>$BUILDPLATFORM</c> stage that builds for a fixed or the build platform, values that are out of scope, and what a
/// script hides (unknown, as a warning).
/// </summary>
internal sealed partial class GoBuildAnalyzer(IReadOnlyList<Platform>? platforms)
{
    private static readonly string[] TargetArgs = ["TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT"];
    private static readonly string[] BuildArgs = ["BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT"];
    private readonly List<DockerfileFinding> findings = [];
    private readonly Dictionary<string, string?> globals = new(StringComparer.Ordinal);
    private readonly HashSet<(int, string?)> reported = [];
    private readonly List<StageKind> stageKinds = [];

    public IReadOnlyList<DockerfileFinding> Analyze(IReadOnlyList<DockerfileInstruction> instructions)
    {
        var stages = new List<StageState>();
        foreach (var instruction in instructions.Where(i => i.Keyword != "#"))
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add(NewStage(instruction.Arguments, stages));
                stageKinds.Add(stages[^1].Kind);
                continue;
            }

            if (stages.Count == 0)
            {
                foreach (var (name, value) in instruction.Keyword == "ARG" ? Pairs(instruction.Arguments) : [])
                {
                    globals[name] = value;
                }

                continue;
            }

            var stage = stages[^1];
            switch (instruction.Keyword)
            {
                case "ARG":
                    foreach (var (name, value) in Pairs(instruction.Arguments))
                    {
                        stage.DeclaredArgs.Add(name);
                        stage.Env[name] = TargetArgs.Contains(name) ? new BuildValue(ValueSource.Target, "$" + name)
                            : BuildArgs.Contains(name) ? new BuildValue(ValueSource.Build, "$" + name)
                            : value is not null ? Classify(value, stage.Env, stage)
                            : globals.TryGetValue(name, out var global) && global is not null ? Classify(global, new Dictionary<string, BuildValue>(StringComparer.Ordinal), stage) : BuildValue.Unset;
                    }

                    break;
                case "ENV":
                    foreach (var (name, value) in Pairs(instruction.Arguments, envForm: true))
                    {
                        stage.Env[name] = Classify(value ?? string.Empty, stage.Env, stage);
                    }

                    break;
                case "RUN":
                    new RunInterpreter(this, stage, instruction.Line).Run(instruction.Arguments);
                    break;
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

    /// <summary>Gets where each stage runs, in order (after <see cref="Analyze"/>).</summary>
    internal IReadOnlyList<StageKind> StageKinds => stageKinds;

    internal IReadOnlyList<Platform>? Platforms => platforms;

    /// <summary>Classifies an expression against variables in scope: <c>$X</c>/<c>${X…}</c> references and command substitutions.</summary>
    internal BuildValue Classify(string text, IReadOnlyDictionary<string, BuildValue> scope, StageState stage)
    {
        var parts = new List<BuildValue>();
        foreach (Match reference in VariableReference().Matches(text))
        {
            var name = reference.Groups[1].Value;
            parts.Add(scope.TryGetValue(name, out var known) ? known
                : TargetArgs.Contains(name) || BuildArgs.Contains(name) || (globals.ContainsKey(name) && !stage.DeclaredArgs.Contains(name)) ? new BuildValue(ValueSource.OutOfScope, text, name)
                : BuildValue.Unset);
        }

        var value = BuildValue.Combine(text, parts);
        var substituted = text.Contains("$(", StringComparison.Ordinal) || text.Contains('`', StringComparison.Ordinal);
        return substituted && value.Source is not (ValueSource.OutOfScope or ValueSource.Target or ValueSource.Build)
            ? new BuildValue(ValueSource.Unknown, text, "a command substitution")
            : value.Source == ValueSource.Unset && parts.Count > 0 ? new BuildValue(ValueSource.Unset, text) : value;
    }

    private static StageState NewStage(string arguments, List<StageState> stages)
    {
        var words = arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var platform = words.FirstOrDefault(w => w.StartsWith("--platform=", StringComparison.Ordinal))?["--platform=".Length..];
        var image = words.FirstOrDefault(w => !w.StartsWith("--", StringComparison.Ordinal)) ?? string.Empty;
        var name = AsName().Match(arguments) is { Success: true } m ? m.Groups[1].Value.ToLowerInvariant() : null;
        var parent = stages.LastOrDefault(s => s.Name is not null && string.Equals(s.Name, image, StringComparison.OrdinalIgnoreCase));
        var kind = platform switch
        {
            null => parent?.Kind ?? StageKind.Target,
            _ when platform.Contains("BUILDPLATFORM", StringComparison.Ordinal) => StageKind.BuildPlatform,
            _ when platform.Contains("TARGETPLATFORM", StringComparison.Ordinal) => StageKind.Target,
            _ => StageKind.Fixed,
        };

        // A stage built FROM another keeps its ENV and go env settings; ARGs are never inherited.
        return new StageState(name, kind, platform ?? parent?.PlatformText ?? string.Empty)
        {
            Env = parent is null ? new(StringComparer.Ordinal) : new(parent.Env.Where(e => !parent.DeclaredArgs.Contains(e.Key)), StringComparer.Ordinal),
            GoEnv = parent is null ? new(StringComparer.Ordinal) : new(parent.GoEnv, StringComparer.Ordinal),
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

    [GeneratedRegex(@"(?i)\bAS\s+([\w.-]+)\s*$")]
    private static partial Regex AsName();
}

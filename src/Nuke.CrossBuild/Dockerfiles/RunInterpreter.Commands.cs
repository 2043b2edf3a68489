namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>The commands of a RUN script beyond go itself: go's output path, target code on the build machine, scripts and Makefiles the doctor can read, and compiles it cannot see.</summary>
internal sealed partial class RunInterpreter
{
    private const int MaxDepth = 3;
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "zsh" };
    private static readonly HashSet<string> OpaqueBuilders = new(StringComparer.Ordinal) { "goreleaser", "mage", "task", "just", "bazel", "bazelisk", "ko" };

    // go build -o X / -o=X (relative to WORKDIR; a trailing / is a directory), go install → $GOPATH/bin; null when unknown.
    private string? Output(List<string> args)
    {
        if (args.Count > 0 && args[0] == "install")
        {
            return "/go/bin/";
        }

        var index = args.FindIndex(a => a is "-o" or "--o" || a.StartsWith("-o=", StringComparison.Ordinal));
        var value = index < 0 ? null : args[index].Contains('=', StringComparison.Ordinal) ? args[index][(args[index].IndexOf('=', StringComparison.Ordinal) + 1)..] : index + 1 < args.Count ? args[index + 1] : null;
        if (value is null || value.Contains('$', StringComparison.Ordinal))
        {
            return null;
        }

        return value == "/dev/null" ? value : StageGraph.Absolute(value, stage.Workdir) + (value.EndsWith('/') ? "/" : string.Empty);
    }

    private BuildValue Seen(string name, Dictionary<string, BuildValue> inline) => inline.GetValueOrDefault(name) ?? exported.GetValueOrDefault(name) ?? stage.GoEnv.GetValueOrDefault(name) ?? BuildValue.Unset;

    private void TargetCode(string what, Dictionary<string, BuildValue> inline)
    {
        if (stage.Kind == StageKind.BuildPlatform && Seen("GOARCH", inline).Source == ValueSource.Target)
        {
            analyzer.RunsTargetCode = true;
            analyzer.Report(line, "target-code-on-build-platform", "warning", $"{what} with GOARCH from the target runs target-architecture code on the build machine: it needs QEMU (binfmt) for every non-native platform, else 'exec format error'", $"run {what} without GOOS/GOARCH (for the build machine), or in a stage on the target platform");
        }
    }

    private void Other(List<string> words, Dictionary<string, BuildValue> inline)
    {
        var program = words[0];
        if (stage.Kind == StageKind.BuildPlatform && stage.ForeignTools.FirstOrDefault(t => t == program || t.EndsWith("/" + program, StringComparison.Ordinal)) is { } tool)
        {
            analyzer.RunsTargetCode = true;
            analyzer.Report(line, "target-code-on-build-platform", "warning", $"'{program}' was copied from a stage that runs on the target platform ({tool}) and runs here on the build machine: it needs QEMU for every non-native platform, else 'exec format error'", "copy it from a stage with --platform=$BUILDPLATFORM (FROM --platform=$BUILDPLATFORM ... AS tools)");
            return;
        }

        if (program is "make" or "gmake")
        {
            Make(words, inline);
            return;
        }

        if (OpaqueBuilders.Contains(program))
        {
            Invisible($"'{program}'");
            return;
        }

        var script = Shells.Contains(program) && words.Count > 1 && !words[1].StartsWith('-') ? words[1]
            : program.EndsWith(".sh", StringComparison.Ordinal) || program.StartsWith("./", StringComparison.Ordinal) ? program : null;
        if (script is null)
        {
            return;
        }

        if (analyzer.ReadFile(stage, script) is not { } body || RunScripts.Shebang(body) is { } shebang && !Shells.Contains(shebang))
        {
            Invisible($"'{script}'", hostBuild: true);
        }
        else if (depth < MaxDepth)
        {
            new RunInterpreter(analyzer, stage, line, ChildEnvironment(inline), depth + 1).Run(body);
        }
    }

    private void Make(List<string> words, Dictionary<string, BuildValue> inline)
    {
        var directory = words.Skip(1).ToList() is var args && args.IndexOf("-C") is var c and >= 0 && c + 1 < args.Count ? args[c + 1] : ".";
        var makefile = analyzer.ReadFile(stage, directory.TrimEnd('/') + "/Makefile") ?? analyzer.ReadFile(stage, directory.TrimEnd('/') + "/GNUmakefile");
        var script = makefile is null ? null : MakefileReader.Script(makefile, words.Skip(1).ToList());
        if (script is null)
        {
            Invisible(makefile is null ? "'make' without a readable Makefile" : "'make' (the Makefile's go build is not visible)", hostBuild: true);
        }
        else if (depth < MaxDepth)
        {
            new RunInterpreter(analyzer, stage, line, ChildEnvironment(inline), depth + 1).Run(script);
        }
    }

    private Dictionary<string, BuildValue> ChildEnvironment(Dictionary<string, BuildValue> inline)
    {
        var environment = new Dictionary<string, BuildValue>(exported, StringComparer.Ordinal);
        foreach (var (name, value) in inline)
        {
            environment[name] = value;
        }

        return environment;
    }

    // A make or script compile on $BUILDPLATFORM is remembered for HostCompileRules (which checks whether its stage names the target).
    private void Invisible(string what, bool hostBuild = false)
    {
        analyzer.SawCompile = true;
        if (stage.IsGo)
        {
            if (hostBuild && stage.Kind == StageKind.BuildPlatform)
            {
                analyzer.HostCompiles.Add((stage.Index, line));
            }

            analyzer.ReportOnce((line, "compile-not-visible"), line, "compile-not-visible", "info", $"the compile is not visible ({what}): the image's binaries will be verified instead", "keep the build script or Makefile in the build context (the doctor follows GOOS/GOARCH into it), or run go build in the Dockerfile; crossbuild image verify checks every platform's binary");
        }
    }
}

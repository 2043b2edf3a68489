using System.Text.Json;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>Follows one RUN script's variables command by command, and has every go build it finds checked.</summary>
internal sealed partial class RunInterpreter(GoBuildAnalyzer analyzer, StageState stage, int line, IReadOnlyDictionary<string, BuildValue>? environment = null, int depth = 0)
{
    private static readonly string[] GoVariables = ["GOOS", "GOARCH", "GOARM", "CGO_ENABLED", "CC"];
    private static readonly string[] PlatformVariables = ["GOOS", "GOARCH", "GOARM"];
    private static readonly string[] XxInputs = ["TARGETPLATFORM", "TARGETARCH"];
    private readonly Dictionary<string, BuildValue> exported = new(environment ?? stage.Env, StringComparer.Ordinal);
    private readonly Dictionary<string, BuildValue> local = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (BuildValue Platform, bool Cgo)> toolchains = new(StringComparer.Ordinal);
    private string? hidden;

    public void Run(string arguments)
    {
        var script = RunScripts.StripFlags(arguments);
        if (script.StartsWith('['))
        {
            Execute(new ShellCommand(ExecForm(script), null));
            return;
        }

        foreach (var command in ShellScript.Parse(script))
        {
            Execute(command);
        }
    }

    private static List<string> ExecForm(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return [json];
        }
    }

    private Dictionary<string, BuildValue> Scope() => new(exported.Concat(local.Where(l => !exported.ContainsKey(l.Key))), StringComparer.Ordinal);

    private BuildValue Value(string text, string? caseWord)
    {
        var value = analyzer.Classify(text, Scope(), stage);

        // A literal chosen per branch of `case "$TARGETARCH/$TARGETVARIANT" in …` follows what the case tests.
        return caseWord is not null && value.Source is ValueSource.Literal && analyzer.Classify(caseWord, Scope(), stage) is { Source: not ValueSource.Literal and not ValueSource.Unset } tested
            ? tested with { Text = $"{text} (per {caseWord})" }
            : value;
    }

    private void Execute(ShellCommand command)
    {
        var words = command.Words;
        var inline = new Dictionary<string, BuildValue>(StringComparer.Ordinal);
        var i = 0;
        for (; i < words.Count && Assignment(words[i]) is { } pair; i++)
        {
            if (pair.Value.Contains("crossbuild toolchain env", StringComparison.Ordinal))
            {
                toolchains[pair.Name] = Toolchain(pair.Value);
            }

            inline[pair.Name] = Value(pair.Value, command.CaseWord);
        }

        if (i == words.Count)
        {
            foreach (var (name, value) in inline)
            {
                (exported.ContainsKey(name) ? exported : local)[name] = value;
            }

            return;
        }

        var rest = words.Skip(i).ToList();
        switch (rest[0])
        {
            case "export":
                Export(rest, command.CaseWord);
                break;
            case "unset":
                foreach (var name in rest.Skip(1))
                {
                    exported.Remove(name);
                    local.Remove(name);
                }

                break;
            case "." or "source":
                hidden = $"'{string.Join(' ', rest)}' (a sourced script)";
                break;
            case "eval":
                Eval(string.Join(' ', rest.Skip(1)));
                break;
            case "env":
                Execute(new ShellCommand([.. words.Take(i), .. rest.Skip(1)], command.CaseWord));
                return;
            case "go":
                Go(rest, inline);
                break;
            case "xx-go":
                XxGo(rest, inline);
                break;
            default:
                Other(rest, inline);
                break;
        }
    }

    private void Export(List<string> words, string? caseWord)
    {
        foreach (var word in words.Skip(1).Where(w => !w.StartsWith('-')))
        {
            if (Assignment(word) is { } pair)
            {
                exported[pair.Name] = Value(pair.Value, caseWord);
            }
            else
            {
                exported[word] = local.Remove(word, out var value) ? value : exported.GetValueOrDefault(word) ?? BuildValue.Unset;
            }
        }
    }

    private void Eval(string evaluated)
    {
        var marker = toolchains.Keys.FirstOrDefault(k => evaluated.Contains("$" + k, StringComparison.Ordinal) || evaluated.Contains("${" + k + "}", StringComparison.Ordinal));
        if (marker is not null || evaluated.Contains("crossbuild toolchain env", StringComparison.Ordinal))
        {
            ApplyToolchain(marker is not null ? toolchains[marker] : Toolchain(evaluated));
        }
        else
        {
            hidden = $"'eval {evaluated}'";
        }
    }

    private void Go(List<string> words, Dictionary<string, BuildValue> inline)
    {
        var args = words.Skip(1).ToList();
        while (args.Count > 1 && args[0] == "-C")
        {
            args.RemoveRange(0, 2);
        }

        if (args.Count > 0 && args[0] == "env" && args.Contains("-w"))
        {
            foreach (var pair in args.Select(Assignment).OfType<(string Name, string Value)>())
            {
                stage.GoEnv[pair.Name] = Value(pair.Value, null);
            }
        }
        else if (args.Count > 0 && args[0] is "build" or "install")
        {
            Check(inline, Output(args));
        }
        else if (args.Count > 0 && args[0] is "test" or "run" && !args.Contains("-c") && !args.Any(a => a.StartsWith("-exec", StringComparison.Ordinal)))
        {
            TargetCode($"go {args[0]}", inline);
        }
    }

    // xx-go sets GOOS/GOARCH/GOARM and CC from TARGETPLATFORM (or TARGETOS/TARGETARCH/TARGETVARIANT) in its environment.
    private void XxGo(List<string> words, Dictionary<string, BuildValue> inline)
    {
        var target = XxInputs.Select(n => exported.GetValueOrDefault(n)).FirstOrDefault(v => v is { Source: ValueSource.Target })
            ?? new BuildValue(ValueSource.OutOfScope, "xx-go", "TARGETPLATFORM");
        var xx = GoVariables.Where(v => v != "CGO_ENABLED").ToDictionary(v => v, _ => target, StringComparer.Ordinal);
        if (words.Count > 1 && words[1] == "--wrap")
        {
            foreach (var (name, value) in xx.Where(x => x.Key != "CC"))
            {
                stage.GoEnv[name] = value;
            }
        }
        else if (words.Count > 1 && words[1] is "build" or "install")
        {
            foreach (var (name, value) in inline)
            {
                xx[name] = value;
            }

            Check(xx, Output(words.Skip(1).ToList()));
        }
    }

    private (BuildValue Platform, bool Cgo) Toolchain(string text)
    {
        var platform = text[(text.IndexOf("toolchain env", StringComparison.Ordinal) + "toolchain env".Length)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        return (analyzer.Classify(platform.Trim('"', '\'', ')'), Scope(), stage), text.Contains("--cgo", StringComparison.Ordinal));
    }

    private void ApplyToolchain((BuildValue Platform, bool Cgo) toolchain)
    {
        foreach (var name in PlatformVariables)
        {
            exported[name] = toolchain.Platform;
        }

        exported["CGO_ENABLED"] = new BuildValue(ValueSource.Literal, toolchain.Cgo ? "1" : "0");
        if (toolchain.Cgo)
        {
            exported["CC"] = toolchain.Platform;
        }
    }

    private void Check(Dictionary<string, BuildValue> inline, string? output)
    {
        var seen = new Dictionary<string, BuildValue>(StringComparer.Ordinal);
        foreach (var name in GoVariables)
        {
            var value = inline.GetValueOrDefault(name) ?? exported.GetValueOrDefault(name) ?? stage.GoEnv.GetValueOrDefault(name) ?? BuildValue.Unset;
            if (value.Source == ValueSource.Unset && local.TryGetValue(name, out var shellOnly) && shellOnly.Source != ValueSource.Unset)
            {
                analyzer.Report(line, "not-exported", name == "GOARCH" && GoBuildRules.Shipped(analyzer, stage, output) == "error" ? "error" : "warning", $"{name} is set as a shell variable but never exported, so go build does not see it", $"export {name}=…, or put it on the go build line ({name}=… go build)");
            }

            seen[name] = value.Source == ValueSource.Unset && hidden is not null ? new BuildValue(ValueSource.Unknown, string.Empty, hidden) : value;
        }

        analyzer.SawCompile = true;
        GoBuildRules.Check(analyzer, stage, line, seen, output);
    }

    private static (string Name, string Value)? Assignment(string word)
    {
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && (char.IsAsciiLetter(word[0]) || word[0] == '_') && word[..eq].All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? (word[..eq], word[(eq + 1)..]) : null;
    }
}

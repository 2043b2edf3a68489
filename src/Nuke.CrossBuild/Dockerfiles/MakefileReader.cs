using System.Text.RegularExpressions;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>
/// Reads a Makefile as far as an honest static reading can: the goals named on the command line (else the first
/// target) and their prerequisites, their recipe lines with <c>$(VAR)</c> expanded (command-line values win; a
/// <c>?=</c> GO* variable and any variable the Makefile does not define are left to the environment; <c>$(shell go env X)</c> is the environment's X),
/// exported variables. Returns a shell script for the RUN interpreter, or null when no go build/install is visible.
/// </summary>
internal static partial class MakefileReader
{
    private const int MaxDepth = 8;

    public static string? Script(string makefile, IReadOnlyList<string> arguments)
    {
        var lines = makefile.ReplaceLineEndings("\n").Replace("\\\n", " ", StringComparison.Ordinal).Split('\n');
        var variables = new Dictionary<string, (string Op, string Value)>(StringComparer.Ordinal);
        var exported = new HashSet<string>(StringComparer.Ordinal);
        var rules = new Dictionary<string, (List<string> Prerequisites, List<string> Recipe)>(StringComparer.Ordinal);
        string? first = null;
        List<string>? recipe = null;
        foreach (var line in lines)
        {
            if (line.StartsWith('\t') && recipe is not null)
            {
                recipe.Add(line.Trim().TrimStart('@', '-', '+'));
            }
            else if (Assignment().Match(line) is { Success: true } a)
            {
                variables[a.Groups["name"].Value] = (a.Groups["op"].Value, a.Groups["value"].Value.Trim());
                _ = a.Groups["export"].Success && exported.Add(a.Groups["name"].Value);
                recipe = null;
            }
            else if (ExportLine().Match(line) is { Success: true } e)
            {
                exported.UnionWith(e.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (Rule().Match(line) is { Success: true } r)
            {
                recipe = [];
                foreach (var target in r.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    rules[target] = (r.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(), recipe);
                    first ??= target.StartsWith('.') ? null : target;
                }
            }
        }

        var commandLine = arguments.Where(a => Assignment().IsMatch(a)).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var goals = arguments.Where((a, i) => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal) && (i == 0 || arguments[i - 1] is not ("-C" or "-f" or "-j"))).ToList();
        var script = new List<string>();
        script.AddRange(commandLine.Select(c => $"export {c.Key}=\"{c.Value}\""));
        script.AddRange(exported.Where(variables.ContainsKey).Where(n => !commandLine.ContainsKey(n)).Select(n => $"export {n}=\"{Expand(variables[n].Value, variables, commandLine, 0)}\""));
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var goal in goals.Count > 0 ? goals : first is null ? [] : [first])
        {
            Collect(goal, rules, visited, script, variables, commandLine, 0);
        }

        return script.Any(l => GoBuild().IsMatch(l)) ? string.Join('\n', script) : null;
    }

    private static void Collect(string target, Dictionary<string, (List<string> Prerequisites, List<string> Recipe)> rules, HashSet<string> visited, List<string> script, Dictionary<string, (string Op, string Value)> variables, Dictionary<string, string> commandLine, int depth)
    {
        if (depth > MaxDepth || !visited.Add(target) || !rules.TryGetValue(target, out var rule))
        {
            return;
        }

        foreach (var prerequisite in rule.Prerequisites)
        {
            Collect(Expand(prerequisite, variables, commandLine, 0), rules, visited, script, variables, commandLine, depth + 1);
        }

        script.AddRange(rule.Recipe.Where(l => !l.Contains("$(MAKE)", StringComparison.Ordinal)).Select(l => Expand(l, variables, commandLine, 0)));
    }

    private static string Expand(string text, Dictionary<string, (string Op, string Value)> variables, Dictionary<string, string> commandLine, int depth)
    {
        text = GoEnv().Replace(text, m => "${" + m.Groups[1].Value + "}");
        return depth > MaxDepth ? text : Reference().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            return commandLine.TryGetValue(name, out var given) ? given
                : variables.TryGetValue(name, out var v) && !(v.Op == "?" && IsGoVariable(name)) ? Expand(v.Value, variables, commandLine, depth + 1)
                : "${" + name + "}"; // not defined in the Makefile: make takes it from the environment
        }).Replace("$$", "$", StringComparison.Ordinal);
    }

    private static bool IsGoVariable(string name) => name is "GOOS" or "GOARCH" or "GOARM" or "CGO_ENABLED" or "CC";

    [GeneratedRegex(@"^(?<export>export\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>\?|::|:|\+)?=(?<value>.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^export\s+([A-Za-z_][A-Za-z0-9_ ]*)$")]
    private static partial Regex ExportLine();

    [GeneratedRegex(@"^([^\s:=#][^:=#]*?)\s*::?(?!=)\s*([^;#]*)")]
    private static partial Regex Rule();

    [GeneratedRegex(@"\$[({](?<name>[A-Za-z_][A-Za-z0-9_]*)[)}]")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\$\(shell\s+\S*go\s+env\s+(\w+)\)")]
    private static partial Regex GoEnv();

    [GeneratedRegex(@"\bgo\s+(build|install)\b")]
    private static partial Regex GoBuild();
}

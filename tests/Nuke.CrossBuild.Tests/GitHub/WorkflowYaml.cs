using YamlDotNet.RepresentationModel;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>Reads a generated workflow back with a real YAML parser, and the crossbuild command lines in its run steps.</summary>
internal sealed class WorkflowYaml
{
    private readonly YamlMappingNode root;

    public WorkflowYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        root = (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public YamlNode this[string path] => Find(path) ?? throw new KeyNotFoundException(path);

    public YamlNode? Find(string path) => path.Split('.').Aggregate<string, YamlNode?>(root, (node, key) => node switch
    {
        YamlMappingNode map => map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null,
        YamlSequenceNode list when int.TryParse(key, out var i) => i < list.Children.Count ? list.Children[i] : null,
        _ => null,
    });

    public string Text(string path) => ((YamlScalarNode)this[path]).Value!;

    public IReadOnlyList<string> Texts(string path) => [.. ((YamlSequenceNode)this[path]).Children.Cast<YamlScalarNode>().Select(s => s.Value!)];

    public IReadOnlyList<YamlMappingNode> Steps(string job) => [.. ((YamlSequenceNode)this[$"jobs.{job}.steps"]).Children.Cast<YamlMappingNode>()];

    public static string? Get(YamlMappingNode step, string key) => step.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

    /// <summary>
    /// Runs a job's run steps in real bash, with crossbuild and dotnet replaced by functions that record their arguments,
    /// the step environment (workflow, job and step env: ${{ }} expressions replaced from the table) and GITHUB_EVENT_NAME
    /// set to the event; returns each recorded crossbuild command line, split as the shell split it.
    /// </summary>
    public IReadOnlyList<string[]> Commands(string job, IReadOnlyDictionary<string, string> expressions, string gitHubEvent = "push")
    {
        var commands = new List<string[]>();
        foreach (var step in Steps(job))
        {
            if (Get(step, "run") is not { } run)
            {
                continue;
            }

            Assert.DoesNotContain("${{", run, StringComparison.Ordinal); // no expression is ever pasted into a script
            var env = new Dictionary<string, string> { ["GITHUB_EVENT_NAME"] = gitHubEvent, ["RUNNER_TEMP"] = "/tmp/runner" };
            foreach (var map in new[] { Find("env"), Find($"jobs.{job}.env"), step.Children.TryGetValue(new YamlScalarNode("env"), out var e) ? e : null }.OfType<YamlMappingNode>())
            {
                foreach (var (key, value) in map.Children)
                {
                    env[((YamlScalarNode)key).Value!] = Expand(((YamlScalarNode)value).Value!, expressions);
                }
            }

            commands.AddRange(RunRecorded(run, env).Where(c => c[0] == "crossbuild"));
        }

        return commands;
    }

    private static string Expand(string value, IReadOnlyDictionary<string, string> expressions)
    {
        var expanded = expressions.Aggregate(value, (v, x) => v.Replace(x.Key, x.Value, StringComparison.Ordinal));
        Assert.True(!expanded.Contains("${{", StringComparison.Ordinal), $"no test value for the expression in '{value}'");
        return expanded;
    }

    internal static List<string[]> RunRecorded(string run, Dictionary<string, string> env)
    {
        var record = Path.GetTempFileName();
        try
        {
            var script = "set -eu\n"
                + "crossbuild() { printf '%s\\0' crossbuild \"$@\" >> \"$RECORD\"; printf '\\036' >> \"$RECORD\"; }\n"
                + "dotnet() { printf '%s\\0' dotnet \"$@\" >> \"$RECORD\"; printf '\\036' >> \"$RECORD\"; }\n"
                + run;
            var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", script]) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.Environment["RECORD"] = record;
            foreach (var (key, value) in env)
            {
                start.Environment[key] = value;
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"the run script failed: {error}\n{run}");
            return [.. File.ReadAllText(record).Split('\u001e', StringSplitOptions.RemoveEmptyEntries).Select(c => c.TrimEnd('\0').Split('\0'))];
        }
        finally
        {
            File.Delete(record);
        }
    }
}

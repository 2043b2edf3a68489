using System.Text;
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

    /// <summary>The crossbuild invocations in a job's run steps, with expressions and variables replaced, split like a shell would.</summary>
    public IReadOnlyList<string[]> Commands(string job, IReadOnlyDictionary<string, string> substitutions) => [.. Steps(job)
        .Select(s => Get(s, "run")).OfType<string>()
        .SelectMany(run => run.Split('\n'))
        .Select(line => line.Trim())
        .Where(line => line.StartsWith("crossbuild ", StringComparison.Ordinal))
        .Select(line => Split(substitutions.Aggregate(line, (l, s) => l.Replace(s.Key, s.Value, StringComparison.Ordinal))))];

    private static string[] Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        char? quote = null;
        var inWord = false;
        foreach (var c in line)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }
}

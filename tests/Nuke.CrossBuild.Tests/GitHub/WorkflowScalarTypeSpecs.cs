using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Workflows;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>
/// Option values stay strings for every YAML reader (review B9): a YAML 1.1 reader such as PyYAML takes plain
/// <c>1:20</c> as the integer 80, <c>0755</c> as 493, <c>Yes</c>/<c>off</c> as booleans, a date as a timestamp, and
/// <c>&lt;&lt;</c>/<c>=</c> as merge and value keys; so every plain scalar either reader would resolve to anything but a
/// string is quoted.
/// </summary>
public sealed class WorkflowScalarTypeSpecs
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Values =
    [
        "1:20", "190:20:30", "190:20:30.15", "-1:20", "0755", "0b1010", "0x_0A", "0o17", "+685_230", "1_000", "685.230_15e+03",
        "6.8e+5", "1e5", ".5", "+.inf", "-.Inf", ".NaN", "Yes", "OFF", "on", "y", "N", "true", "False", "~", "Null", "NULL", "<<", "=",
        "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2002-12-14T21:59:43Z",
    ];

    public static TheoryData<string> NotStrings => [.. Values];

    [Theory]
    [MemberData(nameof(NotStrings))]
    public void A_value_that_a_yaml_reader_would_type_is_written_quoted(string value)
    {
        var written = YamlWriter.Scalar(value);

        Assert.True(written.StartsWith('\'') || written.StartsWith('"'), $"{value} was written plain as {written}");
        Assert.Equal(value, new WorkflowYaml(YamlWriter.Write(new YamlMap { { "name", value } })).Text("name"));
    }

    [Theory]
    [InlineData("v*")]
    [InlineData("main")]
    [InlineData("release/1.x")]
    [InlineData("ubuntu-24.04")]
    [InlineData("type=sha")]
    public void A_plain_string_stays_plain(string value) => Assert.Equal(value, YamlWriter.Scalar(value));

    [Fact(Timeout = 120_000)]
    public async Task PyYaml_reads_every_option_value_back_as_the_string_written()
    {
        var probe = await Tool.RunAsync("python3", ["-c", "import yaml"], cancellationToken: TestContext.Current.CancellationToken);
        if (!probe.Succeeded)
        {
            Requires.Unavailable("python3 with PyYAML (python3-yaml) is not installed: the YAML 1.1 read-back needs it; run eng/provision-debian.sh");
        }

        var values = Values;
        using var dir = new TempDirectory();
        for (var i = 0; i < values.Length; i++)
        {
            var settings = new WorkflowSettings { Name = values[i], Branches = [values[i]], TagPatterns = [values[i], "v*"] };
            dir.Write($"{i}.yml", WorkflowGenerator.Generate(settings));
            dir.Write($"{i}-split.yml", WorkflowGenerator.Generate(settings.EnableSplit()));
        }

        // PyYAML's safe loader reads "on" as True; each option value is printed with its Python type.
        const string script = """
            import json, sys, yaml
            for path in sys.argv[1:]:
                d = yaml.safe_load(open(path, encoding="utf-8"))
                on = d.get(True, d.get("on"))
                for v in [d["name"], *on["push"]["branches"], *on["push"]["tags"], *on["pull_request"]["branches"]]:
                    print(json.dumps([type(v).__name__, v if isinstance(v, str) else repr(v)]))
            """;
        var files = Enumerable.Range(0, values.Length).SelectMany(i => new[] { dir.Combine($"{i}.yml"), dir.Combine($"{i}-split.yml") }).ToList();
        var result = await Tool.RunAsync("python3", ["-c", script, .. files], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.StdErr);
        Assert.Equal(values.SelectMany(v => Row(v).Concat(Row(v))), result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    // One generated file's lines: the name, the push branch, the two push tag patterns, the pull request branch.
    private static IEnumerable<string> Row(string value)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(value, Json);
        return [$"[\"str\", {json}]", $"[\"str\", {json}]", $"[\"str\", {json}]", "[\"str\", \"v*\"]", $"[\"str\", {json}]"];
    }
}

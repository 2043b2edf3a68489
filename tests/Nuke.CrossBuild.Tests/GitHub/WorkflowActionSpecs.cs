using Nuke.CrossBuild.Cli;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Workflows;
using YamlDotNet.RepresentationModel;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>
/// Generated workflows that build through the repository's action (<c>uses: owner/repo@ref</c>): every value goes in as an
/// input action.yml declares, and action.yml's own script turns those inputs into the same crossbuild command lines.
/// </summary>
public sealed class WorkflowActionSpecs
{
    private const string Action = "acme/crossbuild@v0";

    private static YamlMappingNode ActionFile()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, "action.yml"))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static HashSet<string> ActionInputs() => [.. ((YamlMappingNode)ActionFile()["inputs"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!)];

    private static Dictionary<string, string> With(YamlMappingNode step)
        => ((YamlMappingNode)step["with"]).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);

    [Fact]
    public void A_single_job_uses_the_action_with_inputs_it_declares_and_installs_nothing_itself()
    {
        var workflow = new WorkflowYaml(WorkflowGenerator.Generate(new WorkflowSettings { EmulateBuildStage = true }
            .SetPlatforms("linux/amd64", "linux/riscv64").SetImage("ghcr.io/acme/shop").EnableRequireStatic().AddTagRules("type=semver,pattern={{version}}", "type=sha").SetAction(Action)));

        var steps = workflow.Steps("image");
        Assert.Equal(["Checkout", "Set up QEMU (only the emulated platforms)", "Log in to ghcr.io", "Build, verify and push"], steps.Select(s => WorkflowYaml.Get(s, "name")));
        Assert.DoesNotContain(steps, s => WorkflowYaml.Get(s, "run") is not null);
        Assert.Equal(Action, WorkflowYaml.Get(steps[^1], "uses"));
        var with = With(steps[^1]);
        Assert.Subset(ActionInputs(), with.Keys.ToHashSet());
        Assert.Equal("linux/amd64,linux/riscv64", with["platforms"]);
        Assert.Equal("${{ env.IMAGE }}", with["image"]);
        Assert.Equal("${{ github.event_name != 'pull_request' }}", with["push"]);
        Assert.Equal(("true", "type=semver,pattern={{version}}\ntype=sha\n", "crossbuild"), (with["static"], with["tag-rules"], with["cache-scope"]));
        Assert.False(with.ContainsKey("digest-file"));
    }

    [Fact]
    public void A_split_workflow_uses_the_action_per_platform_pushing_by_digest_into_the_file_the_merge_job_reads()
    {
        var workflow = new WorkflowYaml(WorkflowGenerator.Generate(new WorkflowSettings().SetPlatforms("linux/amd64", "linux/arm64").EnableSplit().SetAction("./")));

        var build = workflow.Steps("build");
        Assert.Equal(["Checkout", "Log in to ghcr.io", "Build and verify ${{ matrix.platform }}, push by digest", "Upload the digest"], build.Select(s => WorkflowYaml.Get(s, "name")));
        var with = With(build[2]);
        Assert.Equal("./", WorkflowYaml.Get(build[2], "uses"));
        Assert.Subset(ActionInputs(), with.Keys.ToHashSet());
        Assert.Equal(("${{ matrix.platform }}", "${{ matrix.slug }}", "${{ runner.temp }}/digests/${{ matrix.slug }}"), (with["platforms"], with["cache-scope"], with["digest-file"]));
        Assert.Equal("${{ runner.temp }}/digests/*", workflow.Text("jobs.build.steps.3.with.path"));
        Assert.Equal("crossbuild", workflow.Commands("merge", new Dictionary<string, string> { ["${{ github.repository }}"] = "acme/shop" }).Single()[0]);
    }

    [Theory]
    [InlineData("acme/crossbuild")]
    [InlineData("acme/crossbuild@v0 && curl evil")]
    [InlineData("https://github.com/acme/crossbuild@v0")]
    [InlineData("docker://alpine")]
    public void An_action_that_is_not_a_uses_reference_is_refused(string action)
    {
        var error = Assert.Throws<SettingsException>(() => WorkflowGenerator.Generate(new WorkflowSettings().SetAction(action)));

        Assert.Equal($"invalid --use-action '{action}': expected owner/repo@ref (e.g. acme/crossbuild@v0), owner/repo/path@ref or a local ./path", error.Message);
    }

    [Fact]
    public void The_cli_generates_the_action_workflow_and_refuses_a_bad_reference_with_exit_code_2()
    {
        var ok = Cli.CliRunner.Run("github", "workflow", "--platforms", "linux/amd64", "--use-action", Action);
        var bad = Cli.CliRunner.Run("github", "workflow", "--use-action", "acme/crossbuild");

        Assert.Equal((0, 2), (ok.ExitCode, bad.ExitCode));
        Assert.Contains($"uses: {Action}", ok.StdOut, StringComparison.Ordinal);
        Assert.Equal("crossbuild: invalid --use-action 'acme/crossbuild': expected owner/repo@ref (e.g. acme/crossbuild@v0), owner/repo/path@ref or a local ./path", bad.StdErr.Trim());
    }

    [Theory]
    [InlineData("true", "", "--github-metadata ghcr.io/acme/shop --push --provenance mode=max --sbom --tag-rule type=sha --tag-rule type=semver,pattern={{version}}")]
    [InlineData("true", "/tmp/runner/digests/linux_arm64", "--push-by-digest ghcr.io/acme/shop --digest-file /tmp/runner/digests/linux_arm64 --provenance mode=max --sbom")]
    [InlineData("false", "/tmp/runner/digests/linux_arm64", "--oci /tmp/runner/crossbuild-oci")]
    public void The_actions_script_turns_its_inputs_into_the_crossbuild_command_line(string push, string digestFile, string tail)
    {
        var step = ((YamlSequenceNode)((YamlMappingNode)ActionFile()["runs"])["steps"]).Children.Cast<YamlMappingNode>().Single(s => WorkflowYaml.Get(s, "id") == "build");
        var inputs = new Dictionary<string, string>
        {
            ["platforms"] = "linux/amd64,linux/arm64", ["image"] = "ghcr.io/acme/shop", ["context"] = ".", ["file"] = string.Empty, ["push"] = push, ["static"] = "false",
            ["smoke"] = "false", ["sbom"] = "true", ["sbom-generator"] = string.Empty, ["build-args"] = string.Empty, ["cache"] = "true", ["cache-scope"] = "linux_arm64",
            ["tag-rules"] = "type=sha\ntype=semver,pattern={{version}}\n", ["driver"] = "docker-container", ["digest-file"] = digestFile,
        };
        var env = new Dictionary<string, string> { ["RUNNER_TEMP"] = "/tmp/runner" };
        foreach (var (key, value) in ((YamlMappingNode)step["env"]).Children)
        {
            env[((YamlScalarNode)key).Value!] = System.Text.RegularExpressions.Regex.Replace(((YamlScalarNode)value).Value!, @"\$\{\{ inputs\.([a-z-]+) \}\}", m => inputs[m.Groups[1].Value]);
        }

        var command = Assert.Single(WorkflowYaml.RunRecorded(WorkflowYaml.Get(step, "run")!, env));

        Assert.Equal("crossbuild image build . --platforms linux/amd64,linux/arm64 --driver docker-container --cache-from type=gha,scope=linux_arm64 --cache-to type=gha,scope=linux_arm64,mode=max " + tail, string.Join(' ', command));
        Assert.Empty(CliApp.Build().Parse(command[1..]).Errors);
    }
}

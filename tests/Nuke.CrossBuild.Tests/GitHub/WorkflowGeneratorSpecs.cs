using Nuke.CrossBuild.Cli;
using Nuke.CrossBuild.Workflows;
using YamlDotNet.RepresentationModel;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>Generated workflows, parsed back as YAML: triggers, jobs, steps, conditions, and crossbuild command lines the CLI accepts.</summary>
public sealed class WorkflowGeneratorSpecs
{
    private static readonly Dictionary<string, string> Substitutions = new()
    {
        ["${{ matrix.platform }}"] = "linux/arm64", ["${{ matrix.slug }}"] = "linux_arm64", ["${{ github.repository }}"] = "acme/shop",
    };

    private static WorkflowYaml Generate(WorkflowSettings settings) => new(WorkflowGenerator.Generate(settings));

    private static void AllCommandsParse(WorkflowYaml workflow, string job)
    {
        var commands = workflow.Commands(job, Substitutions).Concat(workflow.Commands(job, Substitutions, "pull_request")).ToList();
        Assert.NotEmpty(commands);
        foreach (var command in commands)
        {
            var parsed = CliApp.Build().Parse(command[1..]);
            Assert.True(parsed.Errors.Count == 0, string.Join(' ', command) + ": " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
        }
    }

    [Fact]
    public void A_cross_compiling_plan_gets_one_job_without_qemu_that_pushes_only_outside_pull_requests()
    {
        var workflow = Generate(new WorkflowSettings().SetPlatforms("linux/amd64", "linux/arm64", "linux/arm/v7", "linux/s390x").EnableRequireStatic().SetImage("ghcr.io/acme/shop"));

        Assert.Equal("crossbuild", workflow.Text("name"));
        Assert.Equal(["main"], workflow.Texts("on.push.branches"));
        Assert.Equal(["v*"], workflow.Texts("on.push.tags"));
        Assert.Equal(["main"], workflow.Texts("on.pull_request.branches"));
        Assert.Equal("write", workflow.Text("permissions.packages"));
        Assert.Equal("ghcr.io/acme/shop", workflow.Text("env.IMAGE"));
        Assert.Equal("ubuntu-24.04", workflow.Text("jobs.image.runs-on"));
        var steps = workflow.Steps("image");
        Assert.Equal(["Checkout", "Set up .NET", "Install crossbuild", "Set up buildx", "Expose the Actions cache service to buildx", "Log in to ghcr.io", "Build, verify and push"], steps.Select(s => WorkflowYaml.Get(s, "name")));
        Assert.DoesNotContain(steps, s => WorkflowYaml.Get(s, "uses")?.StartsWith("docker/setup-qemu-action", StringComparison.Ordinal) == true);
        Assert.Equal("github.event_name != 'pull_request'", WorkflowYaml.Get(steps[5], "if"));
        Assert.Equal("${{ secrets.GITHUB_TOKEN }}", workflow.Text("jobs.image.steps.5.with.password"));
        string[] common = ["crossbuild", "image", "build", ".", "--platforms", "linux/amd64,linux/arm64,linux/arm/v7,linux/s390x", "--driver", "docker-container", "--static",
            "--cache-from", "type=gha,scope=crossbuild", "--cache-to", "type=gha,scope=crossbuild,mode=max"];
        Assert.Equal([.. common, "--oci", "artifacts/oci/image"], workflow.Commands("image", Substitutions, "pull_request").Single());
        Assert.Equal([.. common, "--github-metadata", "ghcr.io/acme/shop", "--push", "--provenance", "mode=max", "--sbom"], workflow.Commands("image", Substitutions).Single());
        AllCommandsParse(workflow, "image");
    }

    [Fact]
    public void Qemu_is_set_up_only_for_emulated_platforms_with_the_pinned_binfmt_image()
    {
        var emulated = Generate(new WorkflowSettings { EmulateBuildStage = true }.SetPlatforms("linux/amd64", "linux/arm64", "linux/riscv64"));
        var smoke = Generate(new WorkflowSettings().SetPlatforms("linux/amd64", "linux/ppc64le").EnableSmoke());

        var qemu = emulated.Steps("image").Single(s => WorkflowYaml.Get(s, "uses") == "docker/setup-qemu-action@v4");
        Assert.Equal("linux/arm64,linux/riscv64", ((YamlScalarNode)((YamlMappingNode)qemu["with"])["platforms"]).Value);
        Assert.StartsWith("docker.io/tonistiigi/binfmt@sha256:", ((YamlScalarNode)((YamlMappingNode)qemu["with"])["image"]).Value, StringComparison.Ordinal);
        Assert.Contains(smoke.Steps("image"), s => WorkflowYaml.Get(s, "uses") == "docker/setup-qemu-action@v4");
        Assert.Equal(["--push", "--provenance", "mode=max", "--sbom", "--smoke"], smoke.Commands("image", Substitutions).Single()[^5..]);
    }

    [Fact]
    public void A_split_workflow_builds_each_platform_on_its_native_runner_and_merges_the_digests()
    {
        var workflow = Generate(new WorkflowSettings().SetPlatforms("linux/amd64", "linux/arm64", "linux/arm/v7").EnableSplit().SetImage("registry.example.com/acme/shop").AddTagRules("type=semver,pattern={{major}}.{{minor}}", "type=sha"));

        var include = ((YamlSequenceNode)workflow["jobs.build.strategy.matrix.include"]).Children.Cast<YamlMappingNode>()
            .Select(m => $"{m["platform"]} {m["runner"]} {m["slug"]} [{m["qemu"]}]").ToList();
        Assert.Equal(["linux/amd64 ubuntu-24.04 linux_amd64 []", "linux/arm64 ubuntu-24.04-arm linux_arm64 []", "linux/arm/v7 ubuntu-24.04 linux_arm_v7 []"], include);
        Assert.Equal("${{ matrix.runner }}", workflow.Text("jobs.build.runs-on"));
        Assert.Equal("false", workflow.Text("jobs.build.strategy.fail-fast"));
        Assert.Equal("build", workflow.Text("jobs.merge.needs"));
        Assert.Equal("github.event_name != 'pull_request'", workflow.Text("jobs.merge.if"));
        Assert.Equal("${{ secrets.REGISTRY_PASSWORD }}", workflow.Text("jobs.merge.steps.4.with.password"));
        var upload = workflow.Steps("build").Single(s => WorkflowYaml.Get(s, "uses") == "actions/upload-artifact@v5");
        Assert.Equal("digests-${{ matrix.slug }}", ((YamlScalarNode)((YamlMappingNode)upload["with"])["name"]).Value);
        Assert.Equal("digests-*", workflow.Text("jobs.merge.steps.0.with.pattern"));
        var merge = workflow.Commands("merge", Substitutions).Single();
        Assert.Equal(["crossbuild", "image", "merge", "registry.example.com/acme/shop", "--digests-dir", "/tmp/runner/digests", "--platforms", "linux/amd64,linux/arm64,linux/arm/v7", "--github-metadata", "--tag-rule", "type=semver,pattern={{major}}.{{minor}}", "--tag-rule", "type=sha"], merge);
        Assert.Contains(workflow.Commands("build", Substitutions), c => c.Contains("--push-by-digest") && c.Contains("/tmp/runner/digests/linux_arm64") && c.Contains("--sbom"));
        // Each platform's runner keeps its own BuildKit cache scope, so parallel jobs never evict each other's layers.
        Assert.All(workflow.Commands("build", Substitutions).Concat(workflow.Commands("build", Substitutions, "pull_request")), c =>
            Assert.Equal(["--cache-from", "type=gha,scope=linux_arm64", "--cache-to", "type=gha,scope=linux_arm64,mode=max"], c.SkipWhile(a => a != "--cache-from").Take(4)));
        Assert.DoesNotContain(workflow.Commands("build", Substitutions, "pull_request").Single(), a => a is "--sbom" or "--provenance");
        AllCommandsParse(workflow, "build");
        AllCommandsParse(workflow, "merge");
    }

    [Theory]
    [InlineData("a: b")]
    [InlineData("x #y")]
    [InlineData("--push")]
    [InlineData("on")]
    [InlineData("1.10")]
    [InlineData("it's")]
    [InlineData("")]
    [InlineData("{{version}}")]
    public void Scalars_that_yaml_would_misread_are_quoted_and_read_back_unchanged(string value)
    {
        var workflow = Generate(new WorkflowSettings { Name = value, TagPatterns = [value] });

        Assert.Equal(value, workflow.Text("name"));
        Assert.Equal([value], workflow.Texts("on.push.tags"));
    }

    [Theory]
    [InlineData("main\nx: y")]
    [InlineData("v*\r")]
    [InlineData("a\u0000b")]
    public void A_value_with_a_line_break_or_control_character_is_refused(string value)
    {
        var branch = Assert.Throws<SettingsException>(() => WorkflowGenerator.Generate(new WorkflowSettings { Branches = [value] }));
        var pattern = Assert.Throws<SettingsException>(() => WorkflowGenerator.Generate(new WorkflowSettings { TagPatterns = [value] }));

        Assert.StartsWith("workflow value --branch must be one line without control characters, got '", branch.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', pattern.Message);
        Assert.Equal(("--branch", "--tag-pattern"), (branch.Setting, pattern.Setting));
    }

    [Fact]
    public void The_cli_refuses_a_line_break_in_a_workflow_value_with_exit_code_2()
    {
        var (exitCode, stdout, stderr) = Cli.CliRunner.Run("github", "workflow", "--tag-pattern", "v*\n    evil: true");

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("x $(id)")]
    [InlineData("`id`; rm -rf /")]
    [InlineData("a\" && echo pwned \"")]
    [InlineData("${{ secrets.TOKEN }}")]
    public void User_values_reach_run_scripts_only_through_the_environment(string context)
    {
        var settings = new WorkflowSettings { Context = context, File = context + "/Dockerfile", ToolSource = context }.SetPlatforms("linux/amd64", "linux/arm64").AddTagRules("type=raw,value=" + context);
        var expressions = new Dictionary<string, string>(Substitutions) { ["${{ secrets.TOKEN }}"] = "the-token-value" };
        var expected = context.Replace("${{ secrets.TOKEN }}", "the-token-value", StringComparison.Ordinal);

        foreach (var workflow in new[] { Generate(settings), Generate(settings.EnableSplit()) })
        {
            foreach (var job in new[] { "image", "build", "merge" }.Where(j => workflow.Find("jobs." + j) is not null))
            {
                foreach (var command in workflow.Commands(job, expressions).Concat(workflow.Commands(job, expressions, "pull_request")))
                {
                    if (command[1] == "image" && command[2] == "build")
                    {
                        Assert.Equal(expected, command[3]);
                        Assert.Equal(expected + "/Dockerfile", command[Array.IndexOf(command, "--file") + 1]);
                    }

                    Assert.True(Array.IndexOf(command, "--tag-rule") < 0 || command[Array.IndexOf(command, "--tag-rule") + 1] == "type=raw,value=" + expected);
                }
            }
        }
    }
}

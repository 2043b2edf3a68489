using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;
using YamlDotNet.RepresentationModel;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>
/// The repository's action.yml (`uses: owner/repo@v0`): its inputs and outputs, and its steps' commands run here as far
/// as they go without GitHub — the tool step and the build step's script with the runner's variables, against the real
/// engine and registry (docker driver: the docker-container driver needs an image no registry here serves).
/// </summary>
public sealed class ActionSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static YamlMappingNode Action()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, "action.yml"))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static IReadOnlyList<YamlMappingNode> Steps() => [.. ((YamlSequenceNode)((YamlMappingNode)Action()["runs"])["steps"]).Children.Cast<YamlMappingNode>()];

    private static string? Get(YamlMappingNode map, string key) => map.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    [Fact]
    public void The_action_is_composite_with_the_documented_inputs_and_outputs_and_no_expression_in_a_script()
    {
        var action = Action();
        var inputs = ((YamlMappingNode)action["inputs"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        var outputs = (YamlMappingNode)action["outputs"];

        Assert.Equal("composite", Get((YamlMappingNode)action["runs"], "using"));
        Assert.Subset(inputs.ToHashSet(), new HashSet<string?> { "platforms", "image", "context", "file", "push", "static", "smoke", "cache" });
        Assert.Equal(["digest", "tags", "labels", "image"], outputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.All(outputs.Children.Values.Cast<YamlMappingNode>(), o => Assert.StartsWith("${{ steps.build.outputs.", Get(o, "value"), StringComparison.Ordinal));
        Assert.All(Steps().Where(s => Get(s, "run") is not null), s =>
        {
            Assert.DoesNotContain("${{", Get(s, "run"), StringComparison.Ordinal);
            Assert.Equal("bash", Get(s, "shell"));
        });
    }

    [Fact(Timeout = 900_000)]
    public async Task Its_steps_build_verify_and_push_and_write_the_outputs_the_action_declares()
    {
        await Requires.BaseImagesAsync();
        // The tool step finds crossbuild on PATH (this build of it) and installs nothing.
        dir.Write("bin/crossbuild", $"#!/bin/sh\nexec dotnet {RepoPaths.CliDll} \"$@\"\n");
        File.SetUnixFileMode(dir.Combine("bin/crossbuild"), (UnixFileMode)0b111_101_101);
        var tag = $"action-{Guid.NewGuid():n}"[..20];
        var inputs = new Dictionary<string, string>
        {
            ["platforms"] = "linux/amd64,linux/arm64", ["image"] = $"{Requires.Registry}/crossbuild-tests/action", ["context"] = RepoPaths.Sample("03-scratch-six-platforms"),
            ["file"] = string.Empty, ["push"] = "true", ["static"] = "true", ["smoke"] = "false", ["sbom"] = "false", ["sbom-generator"] = string.Empty, ["cache"] = "false", ["cache-scope"] = "crossbuild",
            ["tag-rules"] = $"type=raw,value={tag}", ["driver"] = "docker", ["tool-version"] = "0.1.0", ["tool-source"] = string.Empty, ["digest-file"] = string.Empty,
            ["build-args"] = $"GO_IMAGE={Requires.Registry}/crossbuild/golang:1.23",
        };
        var runner = new Dictionary<string, string?>
        {
            ["PATH"] = dir.Combine("bin") + ":" + Environment.GetEnvironmentVariable("PATH"), ["RUNNER_TEMP"] = dir.Path, ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/heads/main", ["GITHUB_SHA"] = "860c1904a1ce19322e91ac35af1ab07466440c37", ["GITHUB_REPOSITORY"] = "acme/shop",
            ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_OUTPUT"] = dir.Combine("output"), ["GITHUB_STEP_SUMMARY"] = dir.Combine("summary"),
        };

        foreach (var step in Steps().Where(s => Get(s, "run") is not null && Get(s, "if") is null))
        {
            var env = new Dictionary<string, string?>(runner);
            var stepEnv = step.Children.TryGetValue("env", out var e) ? ((YamlMappingNode)e).Children.ToList() : [];
            foreach (var (key, value) in stepEnv)
            {
                env[((YamlScalarNode)key).Value!] = Substitute(((YamlScalarNode)value).Value!, inputs);
            }

            var result = await Tool.RunAsync("bash", ["-eo", "pipefail", "-c", Get(step, "run")!], env, RepoPaths.Root, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(result.Succeeded, $"{Get(step, "name")}: {result.StdOut}{result.StdErr}");
        }

        var outputs = File.ReadAllText(dir.Combine("output"));
        Assert.Matches(@"digest=sha256:[0-9a-f]{64}\n", outputs);
        Assert.Contains($"{Requires.Registry}/crossbuild-tests/action:{tag}", outputs, StringComparison.Ordinal);
        Assert.Contains("org.opencontainers.image.revision=860c1904a1ce19322e91ac35af1ab07466440c37", outputs, StringComparison.Ordinal);
        Assert.Matches($@"image={Requires.Registry.Replace(".", "\\.", StringComparison.Ordinal)}/crossbuild-tests/action:{tag}@sha256:[0-9a-f]{{64}}\n", outputs);
    }

    private static string Substitute(string value, Dictionary<string, string> inputs)
        => System.Text.RegularExpressions.Regex.Replace(value, @"\$\{\{ inputs\.([a-z-]+) \}\}", m => inputs[m.Groups[1].Value]);
}

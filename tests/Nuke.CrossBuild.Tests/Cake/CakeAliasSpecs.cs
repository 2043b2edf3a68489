using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Cake;

/// <summary>The Cake add-in, loaded by real <c>.cake</c> scripts under <c>dotnet cake</c> (Cake.Tool 7.0.0 from the repository's tool manifest).</summary>
public sealed partial class CakeAliasSpecs : IDisposable
{
    [System.Text.RegularExpressions.GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial System.Text.RegularExpressions.Regex Ansi();

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string Repo => RepoPaths.Root;

    private static string AddIn => Path.Combine(Repo, "src", "Nuke.CrossBuild.Cake", "bin", RepoPaths.Configuration, "net10.0", "Nuke.CrossBuild.Cake.dll");

    private async Task<ToolResult> RunCakeAsync(string body, IReadOnlyDictionary<string, string?>? environment = null)
    {
        Assert.True(File.Exists(AddIn), $"the add-in is not built: {AddIn}");
        var script = dir.Write("test.cake", $"#r \"{AddIn}\"\n{body}");
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["NO_COLOR"] = "1" };
        var result = await Tool.RunAsync("dotnet", ["cake", script, "--verbosity=normal"], env, Repo, cancellationToken: TestContext.Current.CancellationToken);
        return result with { StdOut = Ansi().Replace(result.StdOut, string.Empty), StdErr = Ansi().Replace(result.StdErr, string.Empty) };
    }

    [Fact(Timeout = 300_000)]
    public async Task A_cake_script_uses_the_platform_matrix_dockerfile_and_doctor_aliases()
    {
        var buggy = Path.Combine(Repo, "samples", "03-scratch-six-platforms", "Dockerfile.buggy");

        var result = await RunCakeAsync($$"""
            var info = CrossBuildPlatform("armel");
            Information($"platform={info.Platform} goarm={info.Go.Goarm} deb={info.DebianArch}");
            var plan = CrossBuildMatrix(s => s.SetPlatforms("all").RemovePlatforms("linux/386").SetHost(BuildHost.Assume(Platform.LinuxAmd64)));
            Information($"plan={string.Join(",", plan.Select(e => e.Platform + ":" + MatrixJson.ModeName(e.Mode)))}");
            var findings = CrossBuildDockerfileDoctor("{{buggy}}");
            Information($"findings={string.Join(",", findings.Select(f => f.Rule))}");
            Information($"recipe={CrossBuildDockerfile(new GoDockerfileOptions { Cgo = true, Static = true }).Contains("osusergo,netgo")}");
            """);

        Assert.True(result.Succeeded, result.StdOut + result.StdErr);
        Assert.Contains("platform=linux/arm/v6 goarm=6 deb=armel", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("plan=linux/amd64:native,linux/arm64:cross,linux/arm/v7:cross,linux/arm/v6:cross,linux/ppc64le:cross,linux/s390x:cross,linux/riscv64:cross", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("findings=goarch-from-targetplatform\n", result.StdOut.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("recipe=True", result.StdOut, StringComparison.Ordinal);
    }

    [Fact(Timeout = 600_000)]
    public async Task A_cake_script_cross_builds_go_assembles_an_image_verifies_and_fails_the_run_on_a_wrong_binary()
    {
        await Requires.GoAsync();
        var output = dir.Combine("bin");

        var result = await RunCakeAsync($$"""
            Environment.SetEnvironmentVariable("CROSSBUILD_GO", "{{Requires.Go}}");
            var report = CrossBuildGoBuild(s => s.SetWorkingDirectory("{{GoBuilder.AssetDirectory("hello")}}").SetPlatforms("linux/arm64", "linux/riscv64").EnableStatic().SetOutput("{{output}}/{platform}/{name}").SetSmokeArguments());
            Information($"smoke={string.Join("|", report.Results.Select(r => r.SmokeOutput))}");
            var image = CrossBuildAssembleImage(s => s.SetBinaries("{{output}}/{platform}/{name}").SetPlatforms("linux/arm64", "linux/riscv64").SetOciLayout("{{dir.Combine("oci")}}").SetEpoch(0).EnableStatic());
            Information($"assembled={image.Platforms.Count} {image.IndexDigest.Length}");
            CrossBuildEnsureVerified(new[] { "{{output}}/linux_arm64/hello" }, "linux/arm64", requireStatic: true);
            CrossBuildEnsureVerified(new[] { "{{output}}/linux_riscv64/hello" }, "linux/arm64");
            """);

        Assert.Contains("smoke=hello from linux/arm64|hello from linux/riscv64", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("assembled=2 71", result.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.Combine("oci", "index.json")));
        Assert.Contains($"ok {output}/linux_arm64/hello: ELF 64-bit LSB executable, ARM aarch64, statically linked", result.StdOut, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
        Assert.Contains("does not match expected target architecture arm64", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 600_000)]
    public async Task Ctrl_c_during_an_alias_stops_its_children_fails_the_task_in_one_line_and_teardown_still_runs()
    {
        await Requires.GoAsync();
        Assert.True(File.Exists(AddIn), $"the add-in is not built: {AddIn}");
        var marker = $"bin-{Guid.NewGuid():n}";
        var script = dir.Write("signal.cake", $$"""
            #r "{{AddIn}}"
            Teardown(_ => Information("teardown ran"));
            Task("Build").Does(() => CrossBuildGoBuild(s => s.SetWorkingDirectory("{{GoBuilder.AssetDirectory("hello")}}").SetPlatforms("all").SetJobs(2).SetOutput("{{dir.Combine(marker)}}/{platform}/{name}")));
            RunTarget("Build");
            """);
        var env = new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["CROSSBUILD_GO"] = Requires.Go, ["GOCACHE"] = dir.Combine("gocache"), ["GOFLAGS"] = "-buildvcs=false" };
        using var cake = CliProcess.StartCommand(["dotnet", "cake", script, "--verbosity=normal"], env, Repo);

        for (var waited = 0; Leftovers.Processes(marker).Count == 0; waited++)
        {
            Assert.True(waited < 6000, "no go build started: " + string.Join('\n', cake.StdOut.TakeLast(10)));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        // `dotnet cake` runs Cake.dll as a child process. Ctrl+C at a terminal reaches every process of the foreground
        // group, Cake included; here Cake gets the SIGINT itself.
        var runner = Leftovers.Processes("Cake.dll").Single(p => p.Contains(script, StringComparison.Ordinal));
        CliProcess.Signal(int.Parse(runner[..runner.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), 2);
        var exitCode = await cake.WaitForExitAsync(TimeSpan.FromMinutes(2));

        var output = Ansi().Replace(string.Join('\n', cake.StdOut.Concat(cake.StdErr)), string.Empty);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("interrupted (SIGINT): the running step was stopped (children, containers and temporary files removed)", output, StringComparison.Ordinal);
        Assert.Contains("teardown ran", output, StringComparison.Ordinal);
        Assert.Empty(await Leftovers.ProcessesAfterAsync(marker));
        Assert.DoesNotContain(Leftovers.Files(dir.Combine(marker)), f => f.Contains(".tmp-", StringComparison.Ordinal));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_cake_script_writes_the_publish_summary_and_timing_chart_and_generates_a_workflow()
    {
        var result = await RunCakeAsync($$"""
            var rows = new List<PublishRow> { new("app", "linux/arm64", "cross", 3.5, 2048, true, true, "sha256:abc") };
            Information(CrossBuildPublishReport("Publish test", rows, "{{dir.Combine("out")}}"));
            var workflow = CrossBuildGitHubWorkflow(new WorkflowSettings().SetPlatforms("linux/amd64", "linux/arm64").EnableSplit());
            Information($"runners={string.Join(",", workflow.Split('\n').Where(l => l.Trim().StartsWith("runner:")).Select(l => l.Trim()[8..]))}");
            """);

        Assert.True(result.Succeeded, result.StdOut + result.StdErr);
        Assert.Contains("app    linux/arm64  cross  3.5      2.0 KiB  yes     yes       -       sha256:abc", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("| app | linux/arm64 | cross | 3.5 | 2.0 KiB | yes | yes | - | `sha256:abc` |", File.ReadAllText(dir.Combine("out/publish-summary.md")), StringComparison.Ordinal);
        Assert.StartsWith("<svg ", File.ReadAllText(dir.Combine("out/publish-timings.svg")), StringComparison.Ordinal);
        Assert.Contains("runners=ubuntu-24.04,ubuntu-24.04-arm", result.StdOut, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_cake_script_releases_the_verified_binaries_with_the_token_from_the_environment()
    {
        var source = await Images.Assembly.AssemblyInputs.CopyToAsync(dir.Combine("src"));
        const string token = "ghs_cakeReleaseToken0123456789";
        await using var github = await LoopbackGitHub.StartAsync(token);

        var result = await RunCakeAsync($$"""
            var release = CrossBuildGitHubRelease(s => s.SetRelease("acme/shop", "v1.2.3").SetPlatforms("linux/amd64", "linux/arm64", "linux/arm/v7")
                .SetBinaries("{{Images.Assembly.AssemblyInputs.Pattern}}").SetSourceDirectory("{{source}}").SetApiUrl(new Uri("{{github.Server.Address}}")).SetEpoch(0));
            Information($"draft={release.Draft} assets={release.Assets.Count}");
            """, new Dictionary<string, string?> { ["GITHUB_TOKEN"] = token });

        Assert.True(result.Succeeded, result.StdOut + result.StdErr);
        Assert.Contains("release: https://github.example.com/acme/shop/releases/tag/v1.2.3 (5 uploaded, 0 kept)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("draft=False assets=5", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.StdOut + result.StdErr, StringComparison.Ordinal);
        Assert.False(Assert.Single(github.Releases).Draft);
    }
}

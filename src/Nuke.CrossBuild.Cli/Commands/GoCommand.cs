using System.Collections.Concurrent;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Reports;
using Nuke.CrossBuild.Toolchains;
using Nuke.CrossBuild.Toolchains.Go;
using Spectre.Console;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild go build</c>: one Go program for a platform matrix, cross-compiled on this host and verified.</summary>
internal sealed class GoCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly Argument<string> package = new("package") { Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => ".", Description = "The package to build (default: .)." };
    private readonly Option<string> platforms = PlatformsOption.ForProducer("The platforms built");
    private readonly Option<bool> cgo = new("--cgo") { Description = "CGO_ENABLED=1 with the target's C cross toolchain (default: CGO_ENABLED=0; it is always set explicitly)." };
    private readonly Option<bool> isStatic = new("--static") { Description = "Require static binaries; with --cgo adds -tags osusergo,netgo and -extldflags -static." };
    private readonly Option<string> libc = LibcOption.Create("C library for --cgo: gnu or musl.");
    private readonly Option<string?> tags = new("--tags") { Description = "Build tags, comma separated." };
    private readonly Option<string?> ldflags = new("--ldflags") { Description = "Linker flags, e.g. \"-X main.version=1.0\"." };
    private readonly Option<bool> strip = new("--strip") { Description = "Strip symbols and debug info (-ldflags \"-s -w\")." };
    private readonly Option<string?> buildMode = new("--buildmode") { Description = "Go build mode, e.g. pie." };
    private readonly Option<string> output = new("-o", "--output") { DefaultValueFactory = _ => GoBuildSettings.DefaultOutput, Description = "Output pattern: {os} {arch} {variant} {platform} {name}; [..] drops when empty, [.exe] only for windows." };
    private readonly Option<string?> name = new("--name") { Description = "Binary name (default: the package directory's name)." };
    private readonly Option<string?> directory = new("-C", "--chdir") { Description = "Run go build in this directory (the module)." };
    private readonly Option<int?> jobs = new("--jobs") { Description = $"Platforms built at once (default here: {GoTasks.DefaultJobs()}, from cores and memory)." };
    private readonly Option<string?> smoke = new("--smoke") { Description = "Run each binary once with these arguments (natively or under QEMU); \"\" runs it without arguments." };
    private readonly Option<bool> install = new("--install-toolchains") { Description = "Install missing Debian cross toolchains first (needs root)." };
    private readonly Option<bool> keepGoing = new("--keep-going") { Description = "Build every platform even when one fails (default: stop at the first failure)." };
    private readonly Option<bool> noVerify = new("--no-verify") { Description = "Skip verifying each binary against its platform." };
    private readonly Option<bool> dryRun = new("--dry-run") { Description = "Print each platform's go build command and environment, build nothing." };
    private readonly Option<bool> json = new("--json") { Description = "Print the results as JSON." };

    public static Command Create() => new("go", "Go builds over a platform matrix.") { new GoCommand().Build() };

    private Command Build()
    {
        var build = new Command("build", "Cross-compile one Go program for every platform of a matrix on this host, verify each binary, print a summary table.")
        {
            package, platforms, cgo, isStatic, libc, tags, ldflags, strip, buildMode, output, name, directory, jobs, smoke, install, keepGoing, noVerify, dryRun, json,
        };
        build.SetAction(RunAsync);
        return build;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var settings = Settings(result);
        var (stdout, stderr) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
        if (result.GetValue(dryRun))
        {
            await PrintCommandsAsync(settings, stdout).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var report = Terminal.Current.LiveProgress
            ? await BuildLiveAsync(settings, stderr, cancellationToken).ConfigureAwait(false)
            : await GoTasks.BuildAsync(settings, stderr.WriteLine, cancellationToken).ConfigureAwait(false);
        await ReportAsync(report, result.GetValue(json), stdout, stderr).ConfigureAwait(false);
        return report.Succeeded ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    private GoBuildSettings Settings(ParseResult result)
    {
        var settings = new GoBuildSettings()
            .SetPlatforms(result.GetValue(platforms)!)
            .SetPackage(result.GetValue(package)!)
            .SetOutput(result.GetValue(output)!)
            .SetLibc(LibcOption.Parse(result.GetValue(libc)));
        settings = result.GetValue(cgo) ? settings.EnableCgo() : settings;
        settings = result.GetValue(isStatic) ? settings.EnableStatic() : settings;
        settings = result.GetValue(strip) ? settings.EnableStripSymbols() : settings;
        settings = result.GetValue(install) ? settings.EnableInstallToolchains() : settings;
        settings = result.GetValue(keepGoing) ? settings.DisableFailFast() : settings;
        settings = result.GetValue(noVerify) ? settings.DisableVerify() : settings;
        settings = result.GetValue(tags) is { } t ? settings.AddTags(t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : settings;
        settings = result.GetValue(ldflags) is { } l ? settings.AddLdflags(l) : settings;
        settings = result.GetValue(buildMode) is { } m ? settings.SetBuildMode(m) : settings;
        settings = result.GetValue(name) is { } n ? settings.SetName(n) : settings;
        settings = result.GetValue(directory) is { } d ? settings.SetWorkingDirectory(d) : settings;
        settings = result.GetValue(jobs) is { } j ? (j >= 1 ? settings.SetJobs(j) : throw new UsageException($"invalid --jobs {j}: expected at least 1")) : settings;
        return result.GetValue(smoke) is { } s ? settings.SetSmokeArguments(s.Split(' ', StringSplitOptions.RemoveEmptyEntries)) : settings;
    }

    private static async Task PrintCommandsAsync(GoBuildSettings settings, TextWriter stdout)
    {
        var targets = settings.Platforms.Expand();
        var packagesAtOnce = GoTasks.PackagesAtOnce(settings, targets.Count);
        foreach (var platform in targets)
        {
            var toolchain = settings.Cgo ? ToolchainResolver.Resolve(platform, settings.Libc) : null;
            var line = toolchain is { Found: false } ? $"# {platform}: {toolchain.Problem}" : GoArguments.For(settings, platform, settings.Name ?? "app", toolchain, packagesAtOnce: packagesAtOnce).ToString();
            await stdout.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    private static async Task ReportAsync(GoBuildReport report, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (json)
        {
            await stdout.WriteLineAsync(ToJson(report)).ConfigureAwait(false);
        }
        else
        {
            stdout.WriteTable(report.ToSummaryTable());
        }

        foreach (var failed in report.Results.Where(r => !r.Succeeded))
        {
            await stderr.WriteLineAsync($"crossbuild: {failed.Platform}: {failed.Error ?? (failed.Cancelled ? "cancelled after an earlier failure" : string.Join("; ", failed.Problems))}").ConfigureAwait(false);
        }

        GitHubOutputs.Write(("platforms", string.Join(",", report.Results.Where(r => r.Succeeded).Select(r => r.Platform))));
        GitHubOutputs.Summary(report.ToSummaryTable());
    }

    // On a terminal: one live row per platform on stderr (cleared at the end, when the summary table takes its place);
    // the log lines are kept and only the failed platforms' are printed afterwards.
    private static async Task<GoBuildReport> BuildLiveAsync(GoBuildSettings settings, TextWriter stderr, CancellationToken cancellationToken)
    {
        var view = new GoProgressView();
        var lines = new ConcurrentQueue<string>();
        var console = SummaryTable.Console(stderr, styled: true, Terminal.Current.Width);
        var report = await console.Live(view.Snapshot().ToRenderable(styled: true)).AutoClear(true).StartAsync(async live =>
        {
            var build = GoTasks.BuildAsync(settings, lines.Enqueue, view, cancellationToken);
            while (await Task.WhenAny(build, Task.Delay(100, CancellationToken.None)).ConfigureAwait(false) != build)
            {
                live.UpdateTarget(view.Snapshot().ToRenderable(styled: true));
                live.Refresh();
            }

            return await build.ConfigureAwait(false);
        }).ConfigureAwait(false);
        var failed = report.Results.Where(r => !r.Succeeded && !r.Cancelled).Select(r => $"[{r.Platform}] ").ToList();
        foreach (var line in lines.Where(l => failed.Exists(f => l.StartsWith(f, StringComparison.Ordinal))))
        {
            await stderr.WriteLineAsync(line).ConfigureAwait(false);
        }

        return report;
    }

    private static string ToJson(GoBuildReport report) => new JsonArray([.. report.Results.Select(r => (JsonNode?)new JsonObject
    {
        ["platform"] = r.Platform.ToString(),
        ["mode"] = MatrixJson.ModeName(r.Mode),
        ["ok"] = r.Succeeded,
        ["output"] = r.Invocation?.Output,
        ["seconds"] = Math.Round(r.Seconds, 2),
        ["size"] = r.Size,
        ["static"] = r.Static,
        ["verified"] = r.Verified,
        ["problems"] = new JsonArray([.. r.Problems.Select(p => (JsonNode?)p)]),
        ["toolchain"] = r.Toolchain?.CC,
        ["smoke"] = r.SmokeOutput,
        ["smokeHow"] = r.SmokeHow,
        ["error"] = r.Error,
        ["cancelled"] = r.Cancelled,
        ["command"] = r.Invocation?.ToString(),
    })]).ToJsonString(Indented);
}

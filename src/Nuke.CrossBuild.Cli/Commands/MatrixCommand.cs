using System.CommandLine;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild matrix &lt;spec&gt;... [--host p] [--axis name=a,b] [--json | --github]</c>.</summary>
internal static class MatrixCommand
{
    public static Command Create()
    {
        var specs = new Argument<string[]>("spec")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Platforms, presets (all, common, arm, go-first-class, distroless), wildcards (linux/arm/*) and exclusions (!linux/386).",
        };
        var host = new Option<string?>("--host") { Description = "Compute modes for this build host instead of this machine (emulators then unknown)." };
        var axes = new Option<string[]>("--axis") { Description = "Cross in an extra axis, e.g. --axis libc=gnu,musl (repeatable).", AllowMultipleArgumentsPerToken = false };
        var emulate = new Option<bool>("--emulate-build-stage") { Description = "The build stage runs on the target platform (no --platform=$BUILDPLATFORM): non-native entries are emulated." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of entries." };
        var github = new Option<bool>("--github") { Description = "Print a GitHub Actions matrix: {\"include\":[...]} on one line." };
        var shard = new Option<bool>("--shard-by-runner") { Description = "Give arm64 entries the ubuntu-24.04-arm runner and the rest ubuntu-24.04; modes are computed per runner." };
        var command = new Command("matrix", "Expand platform specs into a build plan: for each platform, native, cross or emulated on the build host.")
        {
            specs, host, axes, emulate, json, github, shard,
        };
        command.SetAction(result =>
        {
            var settings = new MatrixSettings().SetPlatforms(result.GetValue(specs)!);
            if (result.GetValue(host) is { } hostText)
            {
                settings = settings.SetHost(BuildHost.Assume(Platform.Parse(hostText)));
            }

            foreach (var axis in result.GetValue(axes) ?? [])
            {
                var (name, values) = ParseAxis(axis);
                try
                {
                    settings = settings.AddAxis(name, values);
                }
                catch (ArgumentException e)
                {
                    throw new UsageException($"invalid axis '{axis}': {e.Message.Split(" (Parameter", 2)[0]}");
                }
            }

            settings = result.GetValue(emulate) ? settings.EnableEmulateBuildStage() : settings;
            settings = result.GetValue(shard) ? settings.EnableShardByRunner() : settings;
            var entries = MatrixTasks.Plan(settings);
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(github) || result.GetValue(json))
            {
                output.WriteLine(result.GetValue(github) ? MatrixJson.ToGitHubMatrix(entries) : MatrixJson.ToJson(entries));
            }
            else
            {
                output.WriteTable(Table(entries));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static (string Name, string[] Values) ParseAxis(string text)
    {
        var parts = text.Split('=', 2);
        var values = parts.Length == 2 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        if (parts[0].Trim().Length == 0 || values.Length == 0)
        {
            throw new UsageException($"invalid axis '{text}': expected name=value[,value...], e.g. libc=gnu,musl");
        }

        return (parts[0].Trim(), values);
    }

    private static SummaryTable Table(IReadOnlyList<MatrixEntry> entries)
    {
        var axisNames = entries.Count > 0 ? entries[0].Axes.Select(a => a.Key).ToList() : [];
        string Registered(MatrixEntry e) => e.EmulatorRegistered switch { true => "registered", false => "NOT registered", null => "-" };
        return new SummaryTable(
            ["platform", .. axisNames, "mode", "emulator", "build needs it", "runner"],
            entries.Select(e => (IReadOnlyList<string>)[e.Platform.ToString(), .. e.Axes.Select(a => a.Value), MatrixJson.ModeName(e.Mode), e.Emulator is null ? "-" : $"{e.Emulator} ({Registered(e)})", e.EmulatorNeeded ? "yes" : "no", e.Runner ?? "-"]));
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Toolchains;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild toolchain env|install</c>: the target C toolchain for cgo, like xx-go/xx-cc and xx-apt.</summary>
internal static class ToolchainCommand
{
    public static Command Create() => new("toolchain", "Target C toolchains for cgo cross builds.") { Env(), Install() };

    private static Command Env()
    {
        var platform = new Argument<string>("platform") { Description = "The target platform." };
        var cgo = new Option<bool>("--cgo") { Description = "Include the C toolchain (CC, CXX, AR, PKG_CONFIG...) and set CGO_ENABLED=1." };
        var libc = LibcOption.Create("gnu or musl.");
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "sh", Description = "sh (export lines), json, or github (NAME=value lines for $GITHUB_ENV)." };
        var env = new Command("env", "Print the environment that builds Go (and cgo) for a platform on this host.") { platform, cgo, libc, format };
        env.SetAction(result =>
        {
            var target = Platform.Parse(result.GetValue(platform)!);
            var withCgo = result.GetValue(cgo);
            var variables = target.Info.Go.ToVariables().Append(new("CGO_ENABLED", withCgo ? "1" : "0")).ToList();
            var output = result.InvocationConfiguration.Output;
            if (withCgo)
            {
                var toolchain = ToolchainResolver.Resolve(target, LibcOption.Parse(result.GetValue(libc)));
                if (!toolchain.Found)
                {
                    result.InvocationConfiguration.Error.WriteLine($"crossbuild: {toolchain.Problem}");
                    return ExitCodes.CheckFailed;
                }

                variables.AddRange(toolchain.ToVariables());
            }

            Print(variables, result.GetValue(format)!, output);
            return ExitCodes.Ok;
        });
        return env;
    }

    private static void Print(List<KeyValuePair<string, string>> variables, string format, TextWriter output)
    {
        switch (format)
        {
            case "sh":
                variables.ForEach(v => output.WriteLine($"export {v.Key}='{v.Value.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
                break;
            case "github":
                variables.ForEach(v => output.WriteLine($"{v.Key}={v.Value}"));
                break;
            case "json":
                output.WriteLine(new JsonObject(variables.Select(v => new KeyValuePair<string, JsonNode?>(v.Key, v.Value))).ToJsonString());
                break;
            default:
                throw new UsageException($"invalid --format '{format}': expected sh, json or github");
        }
    }

    private static Command Install()
    {
        var platforms = new Argument<string[]>("platform") { Arity = ArgumentArity.OneOrMore, Description = "Target platforms (specs as for matrix)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only print the commands." };
        var installLibc = LibcOption.Create("gnu or musl.");
        var dev = new Option<string?>("--dev") { Description = "Target -dev packages the build links (comma separated), installed as pkg:<debian-arch>." };
        var install = new Command("install", "Install the Debian cross compiler and C library (and target -dev packages) for platforms.") { platforms, dryRun, installLibc, dev };
        install.SetAction(async (result, cancellationToken) =>
        {
            var targets = PlatformSelection.Of(result.GetValue(platforms)!).Expand();
            var devPackages = result.GetValue(dev)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            var selectedLibc = LibcOption.Parse(result.GetValue(installLibc));
            var output = result.InvocationConfiguration.Output;
            var needed = new List<Platform>();
            foreach (var target in targets)
            {
                var toolchain = ToolchainResolver.Resolve(target, selectedLibc);
                if (toolchain.Found && devPackages.Length == 0)
                {
                    await output.WriteLineAsync($"{target}: {toolchain.Kind} is present (CC={toolchain.CC})").ConfigureAwait(false);
                }
                else
                {
                    needed.Add(target);
                }
            }

            var packages = needed.SelectMany(p => ToolchainPackages.For(p, selectedLibc, devPackages)).Distinct().ToList();
            if (packages.Count == 0)
            {
                await output.WriteLineAsync($"nothing to install (libc {selectedLibc.ToString().ToLowerInvariant()})").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await ToolchainInstaller.InstallAsync(packages, result.GetValue(dryRun), output.WriteLine, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return install;
    }
}

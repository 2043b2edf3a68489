using System.CommandLine;
using System.Globalization;
using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild run --platform &lt;p&gt; [--emulate] [--timeout s] &lt;binary&gt; [-- args]</c>: run a binary as the platform's weakest CPU would.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var platform = new Option<string>("--platform") { Required = true, Description = "The platform to run as, e.g. linux/arm/v6 (its weakest CPU: an ARM1176)." };
        var emulate = new Option<bool>("--emulate") { Description = "Emulate the platform's weakest CPU even where this host could run the binary natively." };
        var timeout = new Option<int>("--timeout") { DefaultValueFactory = _ => 60, Description = "Seconds before the run is stopped (default 60)." };
        var binary = new Argument<string>("binary") { Description = "The binary." };
        var args = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore, Description = "Its arguments (after --)." };
        var command = new Command("run", "Run a binary as the platform's weakest CPU would: natively when this host can do so faithfully, else under QEMU with that CPU model (a GOARM=7 binary as linux/arm/v6 dies with SIGILL, as on a Raspberry Pi Zero). The exit code is the binary's.")
        {
            platform, emulate, timeout, binary, args,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var target = Platform.Parse(result.GetValue(platform)!);
            var path = result.GetValue(binary)!;
            var seconds = result.GetValue(timeout);
            if (seconds <= 0)
            {
                throw new UsageException($"--timeout: expected a number of seconds above 0, got {seconds.ToString(CultureInfo.InvariantCulture)}");
            }

            var run = await BinaryRunner.RunAsync(path, target, result.GetValue(args) ?? [], TimeSpan.FromSeconds(seconds), result.GetValue(emulate), cancellationToken).ConfigureAwait(false);
            if (run.Output.Length > 0)
            {
                await result.InvocationConfiguration.Output.WriteLineAsync(run.Output).ConfigureAwait(false);
            }

            await result.InvocationConfiguration.Error.WriteLineAsync($"crossbuild run: {target} via {run.How}: {run.Describe(path, target)}").ConfigureAwait(false);
            return run.ExitCode;
        });
        return command;
    }
}

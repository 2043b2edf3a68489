using System.CommandLine;
using System.Runtime.InteropServices;
using Nuke.CrossBuild.Cli.Commands;
using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Cli;

/// <summary>
/// The command tree and its error handling: every failure is one line on standard error and a documented exit code
/// (<see cref="ExitCodes"/>); a stack trace only with <c>--verbose</c> or <c>CROSSBUILD_VERBOSE=1</c>. Ctrl+C and SIGTERM
/// cancel the run's token: children are stopped, temporary files removed, and the exit code is 130 or 143.
/// </summary>
internal static class CliApp
{
    /// <summary>The option that shows stack traces of internal errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Show the stack trace of an internal error (also CROSSBUILD_VERBOSE=1).", Recursive = true };

    // The top-level commands, built on demand: a run builds only the command it invokes (start-up is most of a
    // one-file verify), --help and unknown commands the whole tree.
    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("platform", PlatformCommand.Create), ("matrix", MatrixCommand.Create), ("verify", VerifyCommand.Create), ("run", RunCommand.Create),
        ("image", ImageCommand.Create), ("go", GoCommand.Create), ("toolchain", ToolchainCommand.Create), ("dockerfile", DockerfileCommand.Create),
        ("github", GitHubCommand.Create),
    ];

    /// <summary>Builds the command tree: every command, or only the one a command line names.</summary>
    /// <param name="args">The command line whose command is the only one needed, or null for all.</param>
    public static RootCommand Build(string[]? args = null)
    {
        var root = new RootCommand("crossbuild: platform facts, build matrices and verified multi-architecture Go builds.\n" +
            "Exit codes: 0 ok, 1 check or operation failed, 2 usage error, 70 internal error, 130 interrupted (SIGINT), 143 terminated (SIGTERM).");
        root.Options.Add(Verbose);
        var named = args?.FirstOrDefault(a => !a.StartsWith('-'));
        var only = Commands.Where(c => c.Name == named).ToList();
        foreach (var (_, create) in only.Count == 1 ? only : [.. Commands])
        {
            root.Subcommands.Add(create());
        }

        return root;
    }

    /// <summary>Runs a command line in-process (tests): no signal handlers.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        => RunAsync(args, stdout, stderr, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs the process's command line with SIGINT/SIGTERM wired to cancellation.</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        var signal = 0;
        void Handle(PosixSignalContext context)
        {
            context.Cancel = true; // keep running until the cleanup below is done
            if (Interlocked.CompareExchange(ref signal, context.Signal == PosixSignal.SIGTERM ? 15 : 2, 0) == 0)
            {
                cancel.Cancel();
            }
        }

        Output.Terminal.Current = Output.Terminal.FromConsole();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        try
        {
            var exitCode = await RunAsync(args, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
            return signal == 0 ? exitCode : Interrupted(signal, Console.Error);
        }
        finally
        {
            RunTemp.Delete();
        }
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        GitHubOutputs.MaskSecrets(stderr);
        var result = Build(args).Parse(args);
        var verbose = result.GetValue(Verbose) || Environment.GetEnvironmentVariable("CROSSBUILD_VERBOSE") == "1";
        if (result.Errors.Count > 0)
        {
            var command = result.CommandResult.Command;
            var name = command is RootCommand ? "crossbuild" : $"crossbuild {command.Name}";
            await stderr.WriteLineAsync($"{name}: {OneLine(result.Errors[0].Message)} (see '{name} --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            // Signals are handled in MainAsync (cleanup may take longer than System.CommandLine's 2 s default), not by System.CommandLine.
            return await result.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (CrossBuildException e)
        {
            await stderr.WriteLineAsync($"crossbuild: {Lines(e)}").ConfigureAwait(false);
            await TraceAsync(stderr, e, verbose).ConfigureAwait(false);
            return e is Platforms.UnsupportedPlatformException or UsageException or SettingsException ? ExitCodes.Usage : ExitCodes.CheckFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"crossbuild: {OneLine(e.Message)}").ConfigureAwait(false);
            await TraceAsync(stderr, e, verbose).ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync($"crossbuild: internal error: {e.GetType().Name}: {OneLine(e.Message)} (a bug: please report it; --verbose shows where)").ConfigureAwait(false);
            await TraceAsync(stderr, e, verbose).ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    private static int Interrupted(int signal, TextWriter stderr)
    {
        stderr.WriteLine(signal == 15 ? "crossbuild: terminated (SIGTERM); stopped children and removed temporary files" : "crossbuild: interrupted (SIGINT); stopped children and removed temporary files");
        return signal == 15 ? ExitCodes.Terminated : ExitCodes.Interrupted;
    }

    /// <summary>
    /// Folds a message into one line: line breaks of every kind and other control or format characters are escaped, so
    /// text from an image, a server or a user never starts a line of its own (a GitHub Actions workflow command).
    /// </summary>
    internal static string OneLine(string message) => Internal.LogText.Escape(message.Trim());

    // A verification lists its problems one per line, each folded; any other message is one line.
    private static string Lines(CrossBuildException e) => e is Verification.VerificationException { Problems.Count: > 1 } v
        ? string.Join("\n", v.Problems.Select(OneLine))
        : OneLine(e.Message);

    private static async Task TraceAsync(TextWriter stderr, Exception e, bool verbose)
    {
        if (verbose)
        {
            await stderr.WriteLineAsync(e.ToString()).ConfigureAwait(false);
        }
    }
}

using System.ComponentModel;
using CliWrap;

namespace Nuke.CrossBuild.Internal;

/// <summary>
/// Runs every external tool (go, docker buildx, apt-get, qemu, credential helpers) through CliWrap: arguments as a list
/// (no shell), standard input closed unless given, output lines streamed as they come (one at a time to the receiver), and cancellation that stops the
/// whole process tree — SIGINT to the tool and its descendants, then after a grace period SIGKILL to whatever is left,
/// orphans included (found from /proc before the tool could exit). Captured output is bounded: its head and tail are
/// kept (<see cref="ToolRunOptions.OutputBound"/> characters each) and the middle is counted, not held.
/// </summary>
internal static class Tool
{
    public static Task<ToolResult> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null,
        string? standardInput = null, Action<string>? onLine = null, CancellationToken cancellationToken = default)
        => RunAsync(fileName, arguments, new ToolRunOptions { Environment = environment, WorkingDirectory = workingDirectory, StandardInput = standardInput, OnLine = onLine }, cancellationToken);

    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, ToolRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var stdout = new BoundedText(options.OutputBound);
        var stderr = new BoundedText(options.OutputBound);
        var gate = new Lock(); // stdout and stderr are read on two threads; the receiver sees one line at a time
        PipeTarget Target(BoundedText buffer) => options.OnLine is { } onLine
            ? PipeTarget.Merge(PipeTarget.Create(buffer.ReadAsync), PipeTarget.ToDelegate(line => { lock (gate) { onLine(line); } }))
            : PipeTarget.Create(buffer.ReadAsync);
        var command = CliWrap.Cli.Wrap(fileName)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(options.StandardInput is null ? PipeSource.Null : PipeSource.FromString(options.StandardInput))
            .WithStandardOutputPipe(Target(stdout))
            .WithStandardErrorPipe(Target(stderr));
        if (options.Environment is { Count: > 0 } environment)
        {
            command = command.WithEnvironmentVariables(environment);
        }

        if (options.WorkingDirectory is { Length: > 0 } workingDirectory)
        {
            command = command.WithWorkingDirectory(workingDirectory);
        }

        using var forceful = new CancellationTokenSource();
        using var graceful = new CancellationTokenSource();
        CommandTask<CommandResult> task;
        try
        {
            task = command.ExecuteAsync(forceful.Token, graceful.Token);
        }
        catch (Win32Exception e)
        {
            return new ToolResult(127, string.Empty, $"{fileName}: {e.InnerException?.Message ?? e.Message}");
        }

        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult()))
        {
            if (await Task.WhenAny(task.Task, cancelled.Task).ConfigureAwait(false) == task.Task)
            {
                var result = await task.ConfigureAwait(false);
                return new ToolResult(result.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }

        await StopAsync(task, graceful, forceful, options.GracePeriod).ConfigureAwait(false);
        throw new OperationCanceledException($"{Path.GetFileName(fileName)} was stopped", cancellationToken);
    }

    // SIGINT to the tool and its descendants; SIGKILL after the grace period to what is left of both, orphans included.
    private static async Task StopAsync(CommandTask<CommandResult> task, CancellationTokenSource graceful, CancellationTokenSource forceful, TimeSpan grace)
    {
        var tree = ProcessTree.Descendants(task.ProcessId).ToHashSet();
        await graceful.CancelAsync().ConfigureAwait(false);
        ProcessTree.Signal(tree, ProcessTree.SigInt);
        if (await Task.WhenAny(task.Task, Task.Delay(grace)).ConfigureAwait(false) != task.Task)
        {
            tree.UnionWith(ProcessTree.Descendants(task.ProcessId));
            await forceful.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        ProcessTree.Signal(tree, ProcessTree.SigKill);
    }
}

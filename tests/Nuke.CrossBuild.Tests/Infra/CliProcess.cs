using System.Collections.Concurrent;
using System.Diagnostics;

namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>The real crossbuild CLI as a child process (dotnet crossbuild.dll), its output lines collected as they come, so a test can act in the middle of a run.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> stdout = new();
    private readonly ConcurrentQueue<string> stderr = new();

    private CliProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public IReadOnlyList<string> StdOut => [.. stdout];

    public IReadOnlyList<string> StdErr => [.. stderr];

    /// <param name="args">crossbuild's arguments.</param>
    /// <param name="env">Extra environment (null values remove a variable).</param>
    /// <param name="prefix">A command that runs the CLI (e.g. unshare …), or null.</param>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null, IReadOnlyList<string>? prefix = null)
        => StartCommand([.. (prefix ?? []).Concat(["dotnet", RepoPaths.CliDll]).Concat(args)], env);

    /// <summary>Starts any command the same way (output collected, standard input closed).</summary>
    /// <param name="command">The program and its arguments.</param>
    /// <param name="env">Extra environment (null values remove a variable).</param>
    /// <param name="workingDirectory">The working directory, or null for the current one.</param>
    public static CliProcess StartCommand(IReadOnlyList<string> command, IReadOnlyDictionary<string, string?>? env = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(command[0]) { WorkingDirectory = workingDirectory ?? string.Empty };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        (start.RedirectStandardOutput, start.RedirectStandardError, start.RedirectStandardInput, start.UseShellExecute) = (true, true, true, false);
        foreach (var (key, value) in env ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var cli = new CliProcess(Process.Start(start)!);
        cli.process.StandardInput.Close();
        cli.process.OutputDataReceived += (_, e) => { if (e.Data is not null) cli.stdout.Enqueue(e.Data); };
        cli.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) cli.stderr.Enqueue(e.Data); };
        cli.process.BeginOutputReadLine();
        cli.process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Waits until an output line (stdout or stderr) matches, or fails the test after the time limit.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!stdout.Concat(stderr).Any(match))
        {
            Assert.True(DateTime.UtcNow < deadline && !process.HasExited, $"never saw {what}; output so far:\n{string.Join('\n', stdout.Concat(stderr).TakeLast(30))}");
            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Signal(int signal) => Signal(process.Id, signal);

    /// <summary>Sends a signal to any process (e.g. a child this process started).</summary>
    public static void Signal(int pid, int signal) => Assert.Equal(0, Kill(pid, signal));

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

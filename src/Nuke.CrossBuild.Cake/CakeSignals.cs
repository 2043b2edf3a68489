using System.Runtime.InteropServices;

namespace Nuke.CrossBuild.Cake;

/// <summary>
/// Ctrl+C and SIGTERM in a Cake build: the first one cancels the running alias (the library then stops its children,
/// removes its containers and deletes its temporary files) and fails the task with one line, so Cake still runs
/// Teardown (which stops an engine the build started); a second signal ends Cake at once, as usual.
/// </summary>
internal static class CakeSignals
{
    private static readonly CancellationTokenSource Source = new();
    private static int received;
    private static readonly PosixSignalRegistration[] Registrations =
        [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];

    /// <summary>Runs an alias's work with the build's cancellation, turning a cancellation by signal into one clear error.</summary>
    public static T Run<T>(Func<CancellationToken, Task<T>> work)
    {
        GC.KeepAlive(Registrations);
        try
        {
            Source.Token.ThrowIfCancellationRequested();
            return work(Source.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (Source.IsCancellationRequested)
        {
            var name = Volatile.Read(ref received) == 15 ? "terminated (SIGTERM)" : "interrupted (SIGINT)";
            throw new CrossBuildException($"{name}: the running step was stopped (children, containers and temporary files removed)");
        }
    }

    /// <summary>Runs an alias's work that returns nothing.</summary>
    public static void Run(Func<CancellationToken, Task> work) => Run(async token =>
    {
        await work(token).ConfigureAwait(false);
        return 0;
    });

    private static void Handle(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref received, context.Signal == PosixSignal.SIGTERM ? 15 : 2, 0) == 0)
        {
            context.Cancel = true; // the first signal: let the alias unwind and Teardown run
            Source.Cancel();
        }
    }
}

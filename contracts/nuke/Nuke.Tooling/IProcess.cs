namespace Nuke.Common.Tooling;

/// <summary>Contract of NUKE's <c>IProcess</c> (Nuke.Tooling).</summary>
public interface IProcess : IDisposable
{
    string FileName { get; }

    string Arguments { get; }

    string WorkingDirectory { get; }

    IReadOnlyCollection<Output> Output { get; }

    int ExitCode { get; }

    bool HasExited { get; }

    int Id { get; }

    void Kill();

    bool WaitForExit();
}

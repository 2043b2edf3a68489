namespace Nuke.Common.Execution;

/// <summary>Contract of NUKE's <c>ExecutionStatus</c> (Nuke.Build).</summary>
public enum ExecutionStatus
{
    None,
    Scheduled,
    NotRun,
    Skipped,
    Succeeded,
    Failed,
    Running,
    Aborted,
    Collective,
}

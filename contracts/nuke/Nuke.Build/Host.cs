namespace Nuke.Common;

/// <summary>Contract of NUKE's <c>Host</c> (Nuke.Build): its public and protected members (NUKE's internal ones are left out); no behaviour.</summary>
public partial class Host
{
    protected Host()
    {
    }

    protected internal void WriteLogo() => throw new NotSupportedException("contract only");

    protected internal virtual IDisposable WriteBlock(string text) => throw new NotSupportedException("contract only");

    protected internal virtual void ReportWarning(string text, string details = null) => throw new NotSupportedException("contract only");

    protected internal virtual void ReportError(string text, string details = null) => throw new NotSupportedException("contract only");

    protected internal virtual bool FilterMessage(string message) => throw new NotSupportedException("contract only");

    protected internal virtual void WriteErrorsAndWarnings() => throw new NotSupportedException("contract only");

    protected internal virtual void WriteTargetOutcome(INukeBuild build) => throw new NotSupportedException("contract only");

    protected internal virtual void WriteBuildOutcome(INukeBuild build) => throw new NotSupportedException("contract only");
}

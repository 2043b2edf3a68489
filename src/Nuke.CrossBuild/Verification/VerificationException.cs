namespace Nuke.CrossBuild.Verification;

/// <summary>Raised when binaries or images do not match their platforms; the message lists every problem.</summary>
public sealed class VerificationException : CrossBuildException
{
    /// <summary>Creates the exception from failed verifications.</summary>
    /// <param name="problems">The problems, one line each.</param>
    public VerificationException(IReadOnlyList<string> problems)
        : base(problems is null || problems.Count == 0 ? "verification failed" : string.Join(Environment.NewLine, problems))
    {
        Problems = problems ?? [];
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public VerificationException(string message) : base(message) => Problems = [message];

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public VerificationException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    /// <summary>Creates the exception with a default message.</summary>
    public VerificationException() => Problems = [];

    /// <summary>Gets the problems, one line each.</summary>
    public IReadOnlyList<string> Problems { get; }
}

namespace Nuke.CrossBuild.GitHub;

/// <summary>Raised when GitHub cannot be used as needed: the Actions context is missing or unreadable, the API is unreachable, refuses the token or answers otherwise than expected, or a release is not in the state this run expects.</summary>
public sealed class GitHubException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public GitHubException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public GitHubException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public GitHubException() { }
}

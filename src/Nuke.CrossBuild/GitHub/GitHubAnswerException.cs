namespace Nuke.CrossBuild.GitHub;

/// <summary>A GitHub server's answer that is not one the API gives: too large, stalled, malformed, or naming another origin (one line).</summary>
internal sealed class GitHubAnswerException : Exception
{
    public GitHubAnswerException(string message) : base(message)
    {
    }

    public GitHubAnswerException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public GitHubAnswerException()
    {
    }
}

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>Raised when the Go matrix build fails: go is not installed, or one or more platforms did not build (the message has one line per failed platform).</summary>
public sealed class GoBuildException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public GoBuildException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public GoBuildException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public GoBuildException() { }
}

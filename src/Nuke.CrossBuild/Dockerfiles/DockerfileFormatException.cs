namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>Raised when a file is not a Dockerfile BuildKit could parse (empty, binary, no FROM, an unknown instruction); the CLI reports it as one line with exit code 2.</summary>
public sealed class DockerfileFormatException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public DockerfileFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DockerfileFormatException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public DockerfileFormatException() { }
}

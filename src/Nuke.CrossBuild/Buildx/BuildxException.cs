namespace Nuke.CrossBuild.Buildx;

/// <summary>Raised when docker buildx cannot do the work: a builder that cannot start, vanished or is held by another pipeline too long, a driver that cannot build the platforms, metadata that is not JSON or lacks the pushed digest.</summary>
public sealed class BuildxException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public BuildxException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BuildxException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public BuildxException() { }
}

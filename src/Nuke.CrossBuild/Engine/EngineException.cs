namespace Nuke.CrossBuild.Engine;

/// <summary>Raised when the Docker engine refuses or fails an operation: loading an archive, pulling or running a container, a container that does not finish in time.</summary>
public class EngineException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public EngineException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EngineException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public EngineException() { }
}

namespace Nuke.CrossBuild.Engine;

/// <summary>Raised when no Docker engine answers at the endpoint (DOCKER_HOST or the default socket); a caller can skip the work that needs one.</summary>
public sealed class EngineUnavailableException : EngineException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public EngineUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EngineUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public EngineUnavailableException() { }
}

namespace Nuke.CrossBuild.Registry;

/// <summary>Raised when registry credentials cannot be read: a docker config that is not JSON, a credential helper missing, silent or answering something other than JSON, or login variables without the registry they belong to.</summary>
public sealed class CredentialException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public CredentialException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CredentialException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public CredentialException() { }
}

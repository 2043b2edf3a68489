namespace Nuke.CrossBuild.Signing;

/// <summary>A key that cannot be used, or a signature, envelope or attestation that does not check out; the message is one line.</summary>
public sealed class SignatureException : CrossBuildException
{
    /// <summary>Creates an exception with a one-line message.</summary>
    /// <param name="message">What was wrong: expected X, got Y.</param>
    public SignatureException(string message) : base(message) { }

    /// <summary>Creates an exception with a one-line message and its cause.</summary>
    /// <param name="message">What was wrong: expected X, got Y.</param>
    /// <param name="innerException">The underlying error.</param>
    public SignatureException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with a default message.</summary>
    public SignatureException() { }
}

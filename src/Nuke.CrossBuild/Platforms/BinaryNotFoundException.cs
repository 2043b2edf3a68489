namespace Nuke.CrossBuild.Platforms;

/// <summary>Raised when a platform's binary is not where the output pattern (or the matrix's hand-over) says it is.</summary>
public sealed class BinaryNotFoundException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public BinaryNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BinaryNotFoundException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public BinaryNotFoundException() { }
}

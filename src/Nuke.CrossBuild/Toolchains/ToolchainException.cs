namespace Nuke.CrossBuild.Toolchains;

/// <summary>Raised when a C cross toolchain for cgo is missing or cannot be installed (installing needs root).</summary>
public sealed class ToolchainException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public ToolchainException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ToolchainException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public ToolchainException() { }
}

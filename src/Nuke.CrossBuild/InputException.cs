namespace Nuke.CrossBuild;

/// <summary>Raised when an input cannot be used: a value (a user, a tag rule, an image reference, an output pattern) or a file or directory the settings name that is missing or of the wrong kind; the CLI reports it as a failed run (exit code 1), where <see cref="SettingsException"/> is a usage error (exit code 2).</summary>
public sealed class InputException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public InputException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InputException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public InputException() { }
}

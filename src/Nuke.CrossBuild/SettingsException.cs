namespace Nuke.CrossBuild;

/// <summary>Raised when settings hold a value that cannot be used as given (e.g. a line break in a value written into a workflow); the CLI reports it as a usage error (exit code 2).</summary>
public sealed class SettingsException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public SettingsException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SettingsException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public SettingsException() { }
}

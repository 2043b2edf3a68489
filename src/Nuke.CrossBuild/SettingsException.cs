namespace Nuke.CrossBuild;

/// <summary>Raised when settings hold a value that cannot be used as given (e.g. a line break in a value written into a workflow); the CLI reports it as a usage error (exit code 2).</summary>
public sealed class SettingsException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public SettingsException(string message) : base(message) { }

    /// <summary>Creates the exception naming the setting that holds the bad value.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    /// <param name="setting">The setting as the user wrote it: a CLI option (<c>--use-action</c>), a build parameter or a variable.</param>
    public SettingsException(string message, string setting) : base(message) => Setting = setting;

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SettingsException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public SettingsException() { }

    /// <summary>Gets the setting that holds the bad value (a CLI option, a build parameter or a variable); empty when not known.</summary>
    public string Setting { get; } = string.Empty;
}

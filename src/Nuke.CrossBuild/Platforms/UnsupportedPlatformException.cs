namespace Nuke.CrossBuild.Platforms;

/// <summary>Raised when a platform string cannot be parsed or names a platform the table does not know.</summary>
public sealed class UnsupportedPlatformException : CrossBuildException
{
    /// <summary>Creates the exception for an input and the reason it was refused.</summary>
    /// <param name="input">The text the user gave.</param>
    /// <param name="reason">Why it was refused and what is accepted.</param>
    public UnsupportedPlatformException(string input, string reason)
        : base($"invalid platform '{input}': {reason}")
    {
        Input = input;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public UnsupportedPlatformException(string message) : base(message) => Input = string.Empty;

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying error.</param>
    public UnsupportedPlatformException(string message, Exception innerException) : base(message, innerException) => Input = string.Empty;

    /// <summary>Creates the exception with a default message.</summary>
    public UnsupportedPlatformException() => Input = string.Empty;

    /// <summary>Gets the text that was refused.</summary>
    public string Input { get; }
}

namespace Nuke.CrossBuild;

/// <summary>Base type of the errors Nuke.CrossBuild raises for bad input or a failed check; its message is one line meant for the user.</summary>
public class CrossBuildException : Exception
{
    /// <summary>Creates an exception with a one-line message.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public CrossBuildException(string message) : base(message) { }

    /// <summary>Creates an exception with a one-line message and its cause.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">The underlying error.</param>
    public CrossBuildException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with a default message.</summary>
    public CrossBuildException() { }
}

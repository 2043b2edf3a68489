namespace Nuke.CrossBuild.Oci;

/// <summary>Raised when content does not match its descriptor: another digest or size, a broken compressed stream, a layer whose uncompressed digest is not its diff_id.</summary>
public sealed class ContentVerificationException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the image, the blob, what was expected and what was found.</param>
    public ContentVerificationException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ContentVerificationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public ContentVerificationException() { }
}

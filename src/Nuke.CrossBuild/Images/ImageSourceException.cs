namespace Nuke.CrossBuild.Images;

/// <summary>Raised when an image source cannot be read as one: an OCI layout or archive that is missing, of the wrong kind or lacks a blob, a descriptor with a malformed digest, a base image without the wanted platform.</summary>
public sealed class ImageSourceException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public ImageSourceException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ImageSourceException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public ImageSourceException() { }
}

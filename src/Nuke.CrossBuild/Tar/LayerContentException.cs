namespace Nuke.CrossBuild.Tar;

/// <summary>Raised when tar content cannot go into a layer as it is: a malformed or hostile root file system tarball (entries leaving the root, whiteouts, devices, too many entries) or a name or link target ustar cannot hold.</summary>
public sealed class LayerContentException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public LayerContentException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LayerContentException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public LayerContentException() { }
}

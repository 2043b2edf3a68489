namespace Nuke.CrossBuild.Registry;

/// <summary>Raised when a registry cannot be used: it cannot be reached or stalls, refuses a redirect or a token realm, asks for an authentication crossbuild does not speak, or answers otherwise than the distribution API says (a status, a missing upload location, another digest, a body over its limit).</summary>
public sealed class RegistryException : CrossBuildException
{
    /// <summary>Creates the exception for a registry.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    /// <param name="registry">The registry's host (e.g. ghcr.io), or the token service's.</param>
    public RegistryException(string message, string registry) : base(message) => Registry = registry;

    /// <summary>Creates the exception for a registry with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="registry">The registry's host.</param>
    /// <param name="innerException">The cause.</param>
    public RegistryException(string message, string registry, Exception innerException) : base(message, innerException) => Registry = registry;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public RegistryException(string message) : base(message) => Registry = string.Empty;

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RegistryException(string message, Exception innerException) : base(message, innerException) => Registry = string.Empty;

    /// <summary>Creates the exception with a default message.</summary>
    public RegistryException() => Registry = string.Empty;

    /// <summary>The registry's host (e.g. ghcr.io, localhost:5000); empty when not known.</summary>
    public string Registry { get; }

    /// <summary>Gets the HTTP status the registry answered with (404 for a manifest or blob it does not have), or null when the failure was not an answer.</summary>
    public int? StatusCode { get; init; }
}

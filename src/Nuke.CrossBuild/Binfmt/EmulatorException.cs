namespace Nuke.CrossBuild.Binfmt;

/// <summary>Raised when a foreign binary cannot be emulated: binfmt_misc cannot be mounted or registered, no usable (static) QEMU emulator, or the binary does not run or finish under it.</summary>
public sealed class EmulatorException : CrossBuildException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong: "expected X, got Y".</param>
    public EmulatorException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EmulatorException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public EmulatorException() { }
}

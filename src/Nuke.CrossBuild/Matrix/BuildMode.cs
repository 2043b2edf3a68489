namespace Nuke.CrossBuild.Matrix;

/// <summary>How a platform's build runs on a given build host.</summary>
public enum BuildMode
{
    /// <summary>The host runs the target's code itself: no emulator, no cross toolchain needed.</summary>
    Native,

    /// <summary>The build stage runs natively and cross-compiles for the target.</summary>
    Cross,

    /// <summary>The build stage itself runs under QEMU user emulation (slow: often 10x or more).</summary>
    Emulated,
}

namespace Nuke.CrossBuild.Platforms;

/// <summary>Well-known platforms.</summary>
public sealed partial class Platform
{
    /// <summary>Gets <c>linux/amd64</c>.</summary>
    public static Platform LinuxAmd64 { get; } = Parse("linux/amd64");

    /// <summary>Gets <c>linux/arm64</c>.</summary>
    public static Platform LinuxArm64 { get; } = Parse("linux/arm64");

    /// <summary>Gets <c>linux/arm/v7</c>.</summary>
    public static Platform LinuxArmV7 { get; } = Parse("linux/arm/v7");

    /// <summary>Gets <c>linux/arm/v6</c>.</summary>
    public static Platform LinuxArmV6 { get; } = Parse("linux/arm/v6");

    /// <summary>Gets <c>linux/386</c>.</summary>
    public static Platform Linux386 { get; } = Parse("linux/386");

    /// <summary>Gets <c>linux/ppc64le</c>.</summary>
    public static Platform LinuxPpc64Le { get; } = Parse("linux/ppc64le");

    /// <summary>Gets <c>linux/s390x</c>.</summary>
    public static Platform LinuxS390X { get; } = Parse("linux/s390x");

    /// <summary>Gets <c>linux/riscv64</c>.</summary>
    public static Platform LinuxRiscV64 { get; } = Parse("linux/riscv64");

    /// <summary>Gets the platform of the machine this process runs on.</summary>
    /// <exception cref="UnsupportedPlatformException">The host's OS or architecture is not in the table.</exception>
    public static Platform Host => HostDetector.Platform;
}

using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Machine;

/// <summary>A machine that runs builds: its platform, what it runs natively, and which emulators it has registered.</summary>
public sealed record BuildHost
{
    /// <summary>Gets the host's own platform.</summary>
    public required Platform Platform { get; init; }

    /// <summary>Gets the platforms the host runs without an emulator.</summary>
    public required IReadOnlySet<Platform> Native { get; init; }

    /// <summary>Gets the platforms a registered binfmt_misc entry emulates, or null when that is not known (another machine).</summary>
    public IReadOnlySet<Platform>? Emulated { get; init; }

    /// <summary>Describes this machine, reading its CPU flags and binfmt_misc registrations.</summary>
    /// <returns>The host.</returns>
    public static BuildHost Detect()
    {
        var platform = Platform.Host;
        return new BuildHost
        {
            Platform = platform,
            Native = HostDetector.NativePlatforms(platform, HostDetector.ReadCpuFlags(), CompatProbe.RunsIa32).ToHashSet(),
            Emulated = BinfmtRegistry.EmulatedPlatforms(BinfmtRegistry.Read()),
        };
    }

    /// <summary>Describes another machine by its platform alone (emulators unknown; amd64 micro-architecture levels not assumed).</summary>
    /// <param name="platform">The host's platform.</param>
    /// <returns>The host.</returns>
    public static BuildHost Assume(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return new BuildHost { Platform = platform, Native = HostDetector.NativePlatforms(platform, null).ToHashSet() };
    }

    /// <summary>Tests whether the host runs a platform's code natively.</summary>
    /// <param name="platform">The target.</param>
    /// <returns>Whether no emulator is needed to run it.</returns>
    public bool RunsNatively(Platform platform) => Native.Contains(platform);
}

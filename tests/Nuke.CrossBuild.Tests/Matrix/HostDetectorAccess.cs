using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Matrix;

internal static class HostDetectorAccess
{
    public static IReadOnlyList<Platform> Native(Platform host, IReadOnlySet<string> flags, bool compat32 = true) => HostDetector.NativePlatforms(host, flags, compat32);

    public static bool RunsIa32 => CompatProbe.RunsIa32;

    public static byte[] Ia32Probe => CompatProbe.Ia32Exit;
}

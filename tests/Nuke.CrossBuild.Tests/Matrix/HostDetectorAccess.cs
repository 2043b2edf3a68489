using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Matrix;

internal static class HostDetectorAccess
{
    public static IReadOnlyList<Platform> Native(Platform host, IReadOnlySet<string> flags) => HostDetector.NativePlatforms(host, flags);
}

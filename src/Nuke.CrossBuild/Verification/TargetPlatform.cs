using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Verification;

/// <summary>Finds the platform to verify against the way xx-verify does: TARGETPLATFORM, else TARGETOS/TARGETARCH/TARGETVARIANT, else the host.</summary>
public static class TargetPlatform
{
    /// <summary>Resolves the target platform from environment variables.</summary>
    /// <param name="getVariable">Reads a variable (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <returns>The platform.</returns>
    /// <exception cref="UnsupportedPlatformException">The variables name an invalid platform.</exception>
    public static Platform FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (getVariable("TARGETPLATFORM") is { Length: > 0 } platform)
        {
            return Platform.Parse(platform);
        }

        if (getVariable("TARGETARCH") is { Length: > 0 } arch)
        {
            var os = getVariable("TARGETOS") is { Length: > 0 } o ? o : "linux";
            var variant = getVariable("TARGETVARIANT") is { Length: > 0 } v ? "/" + v : string.Empty;
            return Platform.Parse($"{os}/{arch}{variant}");
        }

        return Platform.Host;
    }
}

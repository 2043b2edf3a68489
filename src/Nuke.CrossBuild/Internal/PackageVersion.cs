using System.Reflection;

namespace Nuke.CrossBuild.Internal;

/// <summary>The version this library was packed as (Directory.Build.props' Version, without the commit SourceLink appends).</summary>
internal static class PackageVersion
{
    /// <summary>Gets the version, e.g. <c>0.2.0</c>.</summary>
    public static string Current { get; } = Read(typeof(PackageVersion).Assembly);

    /// <summary>Reads an assembly's informational version without its <c>+commit</c> suffix.</summary>
    /// <param name="assembly">The assembly.</param>
    /// <returns>The version.</returns>
    public static string Read(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? throw new CrossBuildException($"expected a version on {assembly.GetName().Name}, got none");
        return informational.Split('+')[0];
    }
}

using System.Diagnostics.Contracts;
using Nuke.CrossBuild.Platforms;
using static Nuke.CrossBuild.Internal.Guard;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>Fluent, copy-returning setters for <see cref="DockerfileDoctorSettings"/>, in NUKE's vocabulary.</summary>
public static class DockerfileDoctorSettingsExtensions
{
    /// <summary>Returns a copy with the platforms.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="platforms">The platforms, or null for unknown.</param>
    /// <returns>The copy.</returns>
    [Pure]
    public static DockerfileDoctorSettings SetPlatforms(this DockerfileDoctorSettings settings, IReadOnlyList<Platform>? platforms)
        => Required(settings) with { Platforms = platforms };

    /// <summary>Returns a copy with the target stage.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="target">The stage name, or null for the last stage.</param>
    /// <returns>The copy.</returns>
    [Pure]
    public static DockerfileDoctorSettings SetTarget(this DockerfileDoctorSettings settings, string? target)
        => Required(settings) with { Target = target };

    /// <summary>Returns a copy with the build context directory.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="context">The directory, or null.</param>
    /// <returns>The copy.</returns>
    [Pure]
    public static DockerfileDoctorSettings SetContext(this DockerfileDoctorSettings settings, string? context)
        => Required(settings) with { Context = context };
}

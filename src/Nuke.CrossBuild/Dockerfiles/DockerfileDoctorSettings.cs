using System.Diagnostics.Contracts;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>Immutable settings of a <see cref="DockerfileDoctor"/> run: what is built (platforms, target stage) and where the build context is.</summary>
public sealed record DockerfileDoctorSettings
{
    /// <summary>Gets the platforms the image is built for, or null when unknown (every platform is assumed; platform-specific findings such as missing-goarm are then left out).</summary>
    public IReadOnlyList<Platform>? Platforms { get; init; }

    /// <summary>Gets the stage that is built (<c>--target</c>), or null for the last stage.</summary>
    public string? Target { get; init; }

    /// <summary>Gets the build context directory, where the doctor reads a Makefile or build script a RUN calls; null: none is read.</summary>
    public string? Context { get; init; }

    /// <summary>Returns a copy with the platforms.</summary>
    /// <param name="platforms">The platforms, or null for unknown.</param>
    /// <returns>The copy.</returns>
    [Pure] public DockerfileDoctorSettings SetPlatforms(IReadOnlyList<Platform>? platforms) => this with { Platforms = platforms };

    /// <summary>Returns a copy with the target stage.</summary>
    /// <param name="target">The stage name, or null for the last stage.</param>
    /// <returns>The copy.</returns>
    [Pure] public DockerfileDoctorSettings SetTarget(string? target) => this with { Target = target };

    /// <summary>Returns a copy with the build context directory.</summary>
    /// <param name="context">The directory, or null.</param>
    /// <returns>The copy.</returns>
    [Pure] public DockerfileDoctorSettings SetContext(string? context) => this with { Context = context };
}

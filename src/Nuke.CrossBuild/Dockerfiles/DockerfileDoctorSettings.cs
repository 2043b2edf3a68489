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
}

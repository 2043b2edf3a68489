namespace Nuke.CrossBuild.Engine;

/// <summary>Immutable settings of one container run (a smoke run of a platform image).</summary>
public sealed record ContainerRunSettings
{
    /// <summary>Gets the image (a reference the engine has or can pull).</summary>
    public required string Image { get; init; }

    /// <summary>Gets the platform to run, e.g. <c>linux/arm/v6</c>.</summary>
    public required string Platform { get; init; }

    /// <summary>Gets the command arguments (appended to the image's entrypoint), or empty for the image's own.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Gets extra environment variables (<c>NAME=value</c>).</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Gets the time limit; the container is killed and removed when it passes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets whether to pull the platform's image from its registry when the engine does not have it.</summary>
    public bool Pull { get; init; } = true;

    /// <summary>Gets whether to run as the platform's weakest CPU (<c>QEMU_CPU</c>, see <see cref="Platforms.PlatformInfo.QemuCpu"/>) when it runs emulated.</summary>
    public bool WeakestCpu { get; init; } = true;

    /// <summary>Gets whether the container runs privileged (only for registering emulators with the pinned binfmt image).</summary>
    public bool Privileged { get; init; }
}

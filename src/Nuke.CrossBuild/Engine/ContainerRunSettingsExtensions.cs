using System.Diagnostics.Contracts;
using static Nuke.CrossBuild.Internal.Guard;

namespace Nuke.CrossBuild.Engine;

/// <summary>Fluent, copy-returning setters for <see cref="ContainerRunSettings"/>, in NUKE's vocabulary.</summary>
public static class ContainerRunSettingsExtensions
{
    /// <summary>Returns a copy with the arguments.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ContainerRunSettings SetArguments(this ContainerRunSettings settings, params string[] arguments)
        => Required(settings) with { Arguments = [.. arguments] };

    /// <summary>Returns a copy with the time limit.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="timeout">The limit.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ContainerRunSettings SetTimeout(this ContainerRunSettings settings, TimeSpan timeout)
        => Required(settings) with { Timeout = timeout };
}

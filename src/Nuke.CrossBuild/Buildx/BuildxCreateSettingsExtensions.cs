using System.Diagnostics.Contracts;
using static Nuke.CrossBuild.Internal.Guard;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Fluent, copy-returning setters for <see cref="BuildxCreateSettings"/>, in NUKE's vocabulary.</summary>
public static class BuildxCreateSettingsExtensions
{
    /// <summary>Returns a copy with a name.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="name">The builder name.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings SetName(this BuildxCreateSettings settings, string name)
        => Required(settings) with { Name = name };

    /// <summary>Returns a copy with a driver.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="driver">docker-container, kubernetes or remote.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings SetDriver(this BuildxCreateSettings settings, string driver)
        => Required(settings) with { Driver = driver };

    /// <summary>Returns a copy with one more driver option.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="key">For example <c>image</c>, <c>network</c>, <c>memory</c>.</param>
    /// <param name="value">Its value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings AddDriverOption(this BuildxCreateSettings settings, string key, string value)
        => Required(settings) with { DriverOptions = [.. settings.DriverOptions, new(key, value)] };

    /// <summary>Returns a copy with the node's platforms.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="platforms">The platforms.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings SetPlatforms(this BuildxCreateSettings settings, params string[] platforms)
        => Required(settings) with { Platforms = [.. platforms] };

    /// <summary>Returns a copy that appends a node with an endpoint.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="endpoint">The context or endpoint.</param>
    /// <param name="node">The node name, or null.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings AppendNode(this BuildxCreateSettings settings, string endpoint, string? node = null)
        => Required(settings) with { Append = true, Endpoint = endpoint, Node = node };

    /// <summary>Returns a copy with an endpoint (the first node's context).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="endpoint">The context or endpoint.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings SetEndpoint(this BuildxCreateSettings settings, string endpoint)
        => Required(settings) with { Endpoint = endpoint };

    /// <summary>Returns a copy with BuildKit daemon flags.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="flags">The flags.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings SetBuildkitdFlags(this BuildxCreateSettings settings, string flags)
        => Required(settings) with { BuildkitdFlags = flags };

    /// <summary>Returns a copy with a BuildKit daemon config file.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="path">The file.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings SetBuildkitdConfig(this BuildxCreateSettings settings, string path)
        => Required(settings) with { BuildkitdConfig = path };

    /// <summary>Returns a copy that bootstraps the builder.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings EnableBootstrap(this BuildxCreateSettings settings)
        => Required(settings) with { Bootstrap = true };

    /// <summary>Returns a copy that makes the builder current.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings EnableUse(this BuildxCreateSettings settings)
        => Required(settings) with { Use = true };

    /// <summary>Returns a copy with a start-up timeout.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="timeout">The timeout.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxCreateSettings SetTimeout(this BuildxCreateSettings settings, TimeSpan timeout)
        => Required(settings) with { Timeout = timeout };
}

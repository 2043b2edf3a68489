using System.Diagnostics.Contracts;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Immutable settings of <c>docker buildx create</c>, including <c>--append</c> nodes with endpoints and per-node platforms.</summary>
public sealed record BuildxCreateSettings
{
    /// <summary>Gets the builder name (<c>--name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the driver (<c>--driver</c>: docker-container, kubernetes, remote).</summary>
    public string? Driver { get; init; }

    /// <summary>Gets the driver options (<c>--driver-opt</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DriverOptions { get; init; } = [];

    /// <summary>Gets the platforms this node builds (<c>--platform</c>); manual values take priority over detected ones.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>Gets whether the node is appended to an existing builder (<c>--append</c>).</summary>
    public bool Append { get; init; }

    /// <summary>Gets the node name (<c>--node</c>).</summary>
    public string? Node { get; init; }

    /// <summary>Gets the context or endpoint, e.g. <c>ssh://me@arm-box</c> or <c>tcp://buildkitd:1234</c> (the positional argument).</summary>
    public string? Endpoint { get; init; }

    /// <summary>Gets the BuildKit daemon flags (<c>--buildkitd-flags</c>).</summary>
    public string? BuildkitdFlags { get; init; }

    /// <summary>Gets the BuildKit daemon config file (<c>--buildkitd-config</c>).</summary>
    public string? BuildkitdConfig { get; init; }

    /// <summary>Gets whether the builder starts right away (<c>--bootstrap</c>).</summary>
    public bool Bootstrap { get; init; }

    /// <summary>Gets whether it becomes the current builder (<c>--use</c>).</summary>
    public bool Use { get; init; }

    /// <summary>Gets the timeout for the driver to start (<c>--timeout</c>).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Returns a copy with a name.</summary>
    /// <param name="name">The builder name.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings SetName(string name) => this with { Name = name };

    /// <summary>Returns a copy with a driver.</summary>
    /// <param name="driver">docker-container, kubernetes or remote.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings SetDriver(string driver) => this with { Driver = driver };

    /// <summary>Returns a copy with one more driver option.</summary>
    /// <param name="key">For example <c>image</c>, <c>network</c>, <c>memory</c>.</param>
    /// <param name="value">Its value.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings AddDriverOption(string key, string value) => this with { DriverOptions = [.. DriverOptions, new(key, value)] };

    /// <summary>Returns a copy with the node's platforms.</summary>
    /// <param name="platforms">The platforms.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings SetPlatforms(params string[] platforms) => this with { Platforms = [.. platforms] };

    /// <summary>Returns a copy that appends a node with an endpoint.</summary>
    /// <param name="endpoint">The context or endpoint.</param>
    /// <param name="node">The node name, or null.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings AppendNode(string endpoint, string? node = null) => this with { Append = true, Endpoint = endpoint, Node = node };

    /// <summary>Returns a copy with an endpoint (the first node's context).</summary>
    /// <param name="endpoint">The context or endpoint.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings SetEndpoint(string endpoint) => this with { Endpoint = endpoint };

    /// <summary>Returns a copy with BuildKit daemon flags.</summary>
    /// <param name="flags">The flags.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings SetBuildkitdFlags(string flags) => this with { BuildkitdFlags = flags };

    /// <summary>Returns a copy with a BuildKit daemon config file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings SetBuildkitdConfig(string path) => this with { BuildkitdConfig = path };

    /// <summary>Returns a copy that bootstraps the builder.</summary>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings EnableBootstrap() => this with { Bootstrap = true };

    /// <summary>Returns a copy that makes the builder current.</summary>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings EnableUse() => this with { Use = true };

    /// <summary>Returns a copy with a start-up timeout.</summary>
    /// <param name="timeout">The timeout.</param>
    /// <returns>A modified copy.</returns>
    [Pure] public BuildxCreateSettings SetTimeout(TimeSpan timeout) => this with { Timeout = timeout };
}

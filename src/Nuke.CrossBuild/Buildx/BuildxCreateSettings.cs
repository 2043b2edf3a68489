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
}

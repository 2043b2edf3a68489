namespace Nuke.CrossBuild.Buildx;

/// <summary>Immutable settings of <c>docker buildx build</c>; change them with <see cref="BuildxBuildSettingsExtensions"/>.</summary>
public sealed record BuildxBuildSettings
{
    /// <summary>Gets the build context (path, URL or <c>-</c>), default <c>.</c>.</summary>
    public string Context { get; init; } = ".";

    /// <summary>Gets the builder instance (<c>--builder</c>).</summary>
    public string? Builder { get; init; }

    /// <summary>Gets the Dockerfile (<c>--file</c>).</summary>
    public string? File { get; init; }

    /// <summary>Gets the target stage (<c>--target</c>).</summary>
    public string? Target { get; init; }

    /// <summary>Gets the target platforms (<c>--platform</c>, joined with commas).</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>Gets the image names and tags (<c>--tag</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the build arguments (<c>--build-arg NAME=value</c>), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BuildArgs { get; init; } = [];

    /// <summary>Gets the named build contexts (<c>--build-context name=path</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BuildContexts { get; init; } = [];

    /// <summary>Gets the image labels (<c>--label</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>Gets the annotations (<c>--annotation</c>, e.g. <c>index:org.opencontainers.image.source=…</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    /// <summary>Gets the exporters (<c>--output</c>).</summary>
    public IReadOnlyList<BuildxOutput> Outputs { get; init; } = [];

    /// <summary>Gets whether the result is pushed (<c>--push</c>).</summary>
    public bool Push { get; init; }

    /// <summary>Gets whether the result is loaded into the engine (<c>--load</c>).</summary>
    public bool Load { get; init; }

    /// <summary>Gets the cache sources (<c>--cache-from</c>).</summary>
    public IReadOnlyList<BuildxCache> CacheFrom { get; init; } = [];

    /// <summary>Gets the cache destinations (<c>--cache-to</c>).</summary>
    public IReadOnlyList<BuildxCache> CacheTo { get; init; } = [];

    /// <summary>Gets the secrets (<c>--secret id=…,env=…</c> or <c>id=…,src=…</c>); values never appear on the command line.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Gets the SSH agent sockets or keys (<c>--ssh</c>).</summary>
    public IReadOnlyList<string> Ssh { get; init; } = [];

    /// <summary>Gets the attestations (<c>--attest</c>).</summary>
    public IReadOnlyList<string> Attests { get; init; } = [];

    /// <summary>Gets the provenance attestation (<c>--provenance</c>: <c>false</c>, <c>true</c>, <c>mode=max</c>), or null for buildx's default.</summary>
    public string? Provenance { get; init; }

    /// <summary>Gets the SBOM attestation (<c>--sbom</c>), or null.</summary>
    public string? Sbom { get; init; }

    /// <summary>Gets whether the cache is ignored (<c>--no-cache</c>).</summary>
    public bool NoCache { get; init; }

    /// <summary>Gets the stages built without cache (<c>--no-cache-filter</c>).</summary>
    public IReadOnlyList<string> NoCacheFilter { get; init; } = [];

    /// <summary>Gets whether newer base images are always pulled (<c>--pull</c>).</summary>
    public bool Pull { get; init; }

    /// <summary>Gets the progress output (<c>--progress</c>: auto, plain, tty, quiet, rawjson).</summary>
    public string? Progress { get; init; }

    /// <summary>Gets where build metadata (digest, descriptor) is written (<c>--metadata-file</c>).</summary>
    public string? MetadataFile { get; init; }

    /// <summary>Gets the RUN network mode (<c>--network</c>).</summary>
    public string? Network { get; init; }

    /// <summary>Gets extra privileges (<c>--allow</c>, e.g. <c>network.host</c>).</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];

    /// <summary>Gets the environment for the docker process (e.g. secret values passed with <c>--secret id=x,env=NAME</c>).</summary>
    public IReadOnlyDictionary<string, string> ProcessEnvironment { get; init; } = new Dictionary<string, string>();
}

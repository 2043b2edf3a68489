using System.Diagnostics.Contracts;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Fluent setters for a bake target's outputs, caches and attestations, and the conversion from build settings.</summary>
public static partial class BakeTargetExtensions
{
    /// <summary>Adds an exporter.</summary>
    /// <param name="t">The target.</param>
    /// <param name="output">The exporter.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget AddOutput(this BakeTarget t, BuildxOutput output)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Outputs = [.. t.Outputs, output] };
    }

    /// <summary>Removes the exporters.</summary>
    /// <param name="t">The target.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget ClearOutputs(this BakeTarget t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Outputs = [] };
    }

    /// <summary>Adds a cache source.</summary>
    /// <param name="t">The target.</param>
    /// <param name="cache">The cache.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget AddCacheFrom(this BakeTarget t, BuildxCache cache)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { CacheFrom = [.. t.CacheFrom, cache] };
    }

    /// <summary>Adds a cache destination.</summary>
    /// <param name="t">The target.</param>
    /// <param name="cache">The cache.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget AddCacheTo(this BakeTarget t, BuildxCache cache)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { CacheTo = [.. t.CacheTo, cache] };
    }

    /// <summary>Adds an attestation in buildx's syntax, e.g. <c>type=sbom,generator=image</c>.</summary>
    /// <param name="t">The target.</param>
    /// <param name="attest">The attestation.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget AddAttest(this BakeTarget t, string attest)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Attests = [.. t.Attests, attest] };
    }

    /// <summary>Sets the provenance attestation (<c>mode=max</c>, <c>mode=min</c>, or <c>true</c>), replacing any earlier one.</summary>
    /// <param name="t">The target.</param>
    /// <param name="mode">The mode.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget SetProvenance(this BakeTarget t, string mode)
    {
        ArgumentNullException.ThrowIfNull(t);
        return WithAttest(t, "provenance", mode == "true" ? "type=provenance" : $"type=provenance,{mode}");
    }

    /// <summary>Attaches no provenance (<c>type=provenance,disabled=true</c>).</summary>
    /// <param name="t">The target.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget DisableProvenance(this BakeTarget t) => WithAttest(t, "provenance", "type=provenance,disabled=true");

    /// <summary>Attaches an SBOM attestation, made by <paramref name="generator"/> or BuildKit's default scanner.</summary>
    /// <param name="t">The target.</param>
    /// <param name="generator">The generator image, or null.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget EnableSbom(this BakeTarget t, string? generator = null) => WithAttest(t, "sbom", generator is null ? "type=sbom" : $"type=sbom,generator={generator}");

    /// <summary>
    /// Turns the settings of one <c>docker buildx build</c> into a bake target of the same build. The builder, progress and
    /// metadata file belong to the bake command (<see cref="BakeSettings"/>); what a target cannot carry here (secrets,
    /// SSH, annotations, no-cache filters, network, entitlements, the process environment) is refused, never dropped:
    /// the bake would build something else than the build it stands for.
    /// </summary>
    /// <param name="build">The build settings.</param>
    /// <param name="name">The target's name.</param>
    /// <returns>The target.</returns>
    /// <exception cref="SettingsException">The build sets something a bake target cannot carry.</exception>
    [Pure]
    public static BakeTarget ToBakeTarget(this BuildxBuildSettings build, string name)
    {
        ArgumentNullException.ThrowIfNull(build);
        var uncarried = new (string Setting, bool Set)[]
        {
            ("Secrets", build.Secrets.Count > 0), ("Ssh", build.Ssh.Count > 0), ("Annotations", build.Annotations.Count > 0), ("NoCacheFilter", build.NoCacheFilter.Count > 0),
            ("Network", build.Network is not null), ("Allow", build.Allow.Count > 0), ("ProcessEnvironment", build.ProcessEnvironment.Count > 0),
        }.Where(u => u.Set).Select(u => u.Setting).ToList();
        if (uncarried.Count > 0)
        {
            throw new SettingsException($"bake target {name}: expected a build a bake target can carry, got {string.Join(", ", uncarried)} set; run this image with 'docker buildx build' (BuildxTasks.BuildAsync, 'crossbuild image build') instead", uncarried[0]);
        }

        var target = new BakeTarget(name)
        {
            Context = build.Context, Dockerfile = DockerfileInContext(build.Context, build.File), Stage = build.Target, Platforms = build.Platforms, Args = build.BuildArgs, Tags = build.Tags, Labels = build.Labels,
            Contexts = build.BuildContexts, CacheFrom = build.CacheFrom, CacheTo = build.CacheTo, Attests = build.Attests,
            Outputs = [.. build.Outputs, .. build.Push ? [BuildxOutput.Registry()] : Array.Empty<BuildxOutput>(), .. build.Load ? [BuildxOutput.Docker()] : Array.Empty<BuildxOutput>()],
            Pull = build.Pull ? true : null, NoCache = build.NoCache ? true : null,
        };
        target = build.Provenance switch { null => target, "false" => target.DisableProvenance(), var mode => target.SetProvenance(mode) };
        return build.Sbom switch { null or "false" => target, "true" => target.EnableSbom(), var sbom => target.AddAttest("type=sbom," + sbom) };
    }

    // buildx build reads --file from the working directory, bake reads "dockerfile" from the context: a local context's
    // Dockerfile is given relative to it (the same file from any working directory); a remote context's is kept.
    private static string? DockerfileInContext(string context, string? file)
        => file is null || Path.IsPathRooted(file) || context == "-" || context.Contains("://", StringComparison.Ordinal) || context.StartsWith("git@", StringComparison.Ordinal)
            ? file
            : Path.GetRelativePath(Path.GetFullPath(context), Path.GetFullPath(file));

    private static BakeTarget WithAttest(BakeTarget t, string type, string attest)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Attests = [.. t.Attests.Where(a => !a.StartsWith($"type={type}", StringComparison.Ordinal)), attest] };
    }
}

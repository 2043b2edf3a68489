using System.Diagnostics.Contracts;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Fluent setters for outputs, caches, secrets, attestations and build behaviour.</summary>
public static partial class BuildxBuildSettingsExtensions
{
    /// <summary>Adds an exporter (<c>--output</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="output">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddOutput(this BuildxBuildSettings s, BuildxOutput output)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Outputs = [.. s.Outputs, output] };
    }

    /// <summary>Removes the exporters.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings ClearOutputs(this BuildxBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Outputs = [] };
    }

    /// <summary>Pushes the result (<c>--push</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings EnablePush(this BuildxBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Push = true };
    }

    /// <summary>Does not push.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings DisablePush(this BuildxBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Push = false };
    }

    /// <summary>Loads the result into the engine (<c>--load</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings EnableLoad(this BuildxBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Load = true };
    }

    /// <summary>Does not load.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings DisableLoad(this BuildxBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Load = false };
    }

    /// <summary>Adds a cache source (<c>--cache-from</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="cache">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddCacheFrom(this BuildxBuildSettings s, BuildxCache cache)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { CacheFrom = [.. s.CacheFrom, cache] };
    }

    /// <summary>Adds a cache destination (<c>--cache-to</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="cache">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddCacheTo(this BuildxBuildSettings s, BuildxCache cache)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { CacheTo = [.. s.CacheTo, cache] };
    }

    /// <summary>Adds a secret passed through the docker process's environment (<c>--secret id=ID,env=…</c>): the value never appears in argv or logs.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="id">The value.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddSecretFromEnvironment(this BuildxBuildSettings s, string id, string value)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Secrets = [.. s.Secrets, $"id={id},env={SecretVariable(id)}"], ProcessEnvironment = new Dictionary<string, string>(s.ProcessEnvironment) { [SecretVariable(id)] = value } };
    }

    /// <summary>Adds a secret read from a file (<c>--secret id=ID,src=path</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="id">The value.</param>
    /// <param name="path">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddSecretFile(this BuildxBuildSettings s, string id, string path)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Secrets = [.. s.Secrets, $"id={id},src={path}"] };
    }

    /// <summary>Adds an SSH agent socket or key (<c>--ssh default</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="spec">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddSsh(this BuildxBuildSettings s, string spec)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Ssh = [.. s.Ssh, spec] };
    }

    /// <summary>Adds an attestation (<c>--attest type=sbom</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="attest">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddAttest(this BuildxBuildSettings s, string attest)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Attests = [.. s.Attests, attest] };
    }

    /// <summary>Sets the provenance attestation (<c>--provenance</c>, e.g. <c>mode=max</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="provenance">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetProvenance(this BuildxBuildSettings s, string provenance)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Provenance = provenance };
    }

    /// <summary>Turns the default provenance attestation off (<c>--provenance=false</c>): no <c>unknown/unknown</c> entries in the index.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings DisableProvenance(this BuildxBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Provenance = "false" };
    }

    /// <summary>Sets the SBOM attestation (<c>--sbom</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="sbom">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetSbom(this BuildxBuildSettings s, string sbom)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Sbom = sbom };
    }

    /// <summary>Ignores the cache (<c>--no-cache</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings EnableNoCache(this BuildxBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { NoCache = true };
    }

    /// <summary>Builds stages without cache (<c>--no-cache-filter</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="stages">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddNoCacheFilter(this BuildxBuildSettings s, params string[] stages)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { NoCacheFilter = [.. s.NoCacheFilter, .. stages] };
    }

    /// <summary>Always pulls base images (<c>--pull</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings EnablePull(this BuildxBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Pull = true };
    }

    /// <summary>Sets the progress output (<c>--progress</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="progress">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetProgress(this BuildxBuildSettings s, string progress)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Progress = progress };
    }

    /// <summary>Writes build metadata (digest, descriptor) to a file (<c>--metadata-file</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="path">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetMetadataFile(this BuildxBuildSettings s, string path)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { MetadataFile = path };
    }

    /// <summary>Sets the RUN network mode (<c>--network</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="network">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetNetwork(this BuildxBuildSettings s, string network)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Network = network };
    }

    /// <summary>Allows an extra privilege (<c>--allow</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="entitlement">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddAllow(this BuildxBuildSettings s, string entitlement)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Allow = [.. s.Allow, entitlement] };
    }
}

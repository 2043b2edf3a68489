namespace Nuke.CrossBuild.Buildx;

/// <summary>A typed cache source or destination (<c>--cache-from</c>, <c>--cache-to</c>).</summary>
/// <param name="Type">The backend: <c>registry</c>, <c>local</c>, <c>gha</c>, <c>inline</c>, <c>s3</c>, <c>azblob</c>.</param>
/// <param name="Attributes">Its attributes, in order.</param>
public sealed record BuildxCache(string Type, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    /// <summary>A registry cache image.</summary>
    /// <param name="reference">The cache image, e.g. <c>ghcr.io/org/app:buildcache</c>.</param>
    /// <param name="mode">For <c>--cache-to</c>: <c>min</c> or <c>max</c> (all stages), or null.</param>
    /// <returns>The cache.</returns>
    public static BuildxCache Registry(string reference, string? mode = null) => new("registry", mode is null ? [new("ref", reference)] : [new("ref", reference), new("mode", mode)]);

    /// <summary>A local directory cache: <c>src</c> to read, <c>dest</c> to write.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="write">Whether this is a destination.</param>
    /// <param name="mode">For a destination: <c>min</c> or <c>max</c>, or null.</param>
    /// <returns>The cache.</returns>
    public static BuildxCache Local(string directory, bool write = false, string? mode = null)
        => new("local", [new(write ? "dest" : "src", directory), .. mode is null ? Array.Empty<KeyValuePair<string, string>>() : [new("mode", mode)]]);

    /// <summary>The GitHub Actions cache.</summary>
    /// <param name="scope">The scope (one per platform in split builds), or null.</param>
    /// <param name="mode">For a destination: <c>min</c> or <c>max</c>, or null.</param>
    /// <returns>The cache.</returns>
    public static BuildxCache Gha(string? scope = null, string? mode = null)
        => new("gha", [.. scope is null ? Array.Empty<KeyValuePair<string, string>>() : [new("scope", scope)], .. mode is null ? Array.Empty<KeyValuePair<string, string>>() : [new("mode", mode)]]);

    /// <summary>Inline cache in the image (<c>--cache-to</c> only).</summary>
    /// <returns>The cache.</returns>
    public static BuildxCache Inline() => new("inline", []);

    /// <summary>Parses buildx's own syntax, <c>type=gha,scope=linux-arm64,mode=max</c> (a bare <c>name:tag</c> is a registry cache, as buildx reads it).</summary>
    /// <param name="text">The value of <c>--cache-from</c> or <c>--cache-to</c>.</param>
    /// <returns>The cache.</returns>
    /// <exception cref="SettingsException">No type, an empty key, or a quoted field (give each attribute as key=value without quotes).</exception>
    public static BuildxCache Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('"', StringComparison.Ordinal) || text.Any(char.IsControl))
        {
            throw new SettingsException($"invalid cache '{text}': expected type=<backend>,key=value,... without quotes or control characters");
        }

        if (!text.Contains('=', StringComparison.Ordinal))
        {
            return text.Length > 0 ? Registry(text) : throw new SettingsException("invalid cache '': expected type=<backend>,key=value,... or a registry reference");
        }

        var fields = text.Split(',').Select(f => f.Split('=', 2)).ToList();
        if (fields.Any(f => f.Length != 2 || f[0].Length == 0))
        {
            throw new SettingsException($"invalid cache '{text}': expected type=<backend>,key=value,..., got a field without key=value");
        }

        var type = fields.FirstOrDefault(f => f[0] == "type")?[1] ?? throw new SettingsException($"invalid cache '{text}': expected a type= field (registry, local, gha, inline, s3, azblob)");
        return new BuildxCache(type, [.. fields.Where(f => f[0] != "type").Select(f => new KeyValuePair<string, string>(f[0], f[1]))]);
    }

    /// <summary>Renders the value.</summary>
    /// <returns>For example <c>type=registry,ref=ghcr.io/org/app:cache,mode=max</c>.</returns>
    public override string ToString() => BuildxOutput.Render(Type, Attributes);
}

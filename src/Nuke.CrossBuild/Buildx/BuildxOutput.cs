namespace Nuke.CrossBuild.Buildx;

/// <summary>A typed <c>--output</c> exporter: its type and attributes, rendered as <c>type=oci,dest=out.tar</c>.</summary>
/// <param name="Type">The exporter type (<c>image</c>, <c>registry</c>, <c>oci</c>, <c>docker</c>, <c>local</c>, <c>tar</c>).</param>
/// <param name="Attributes">Its attributes, in order.</param>
public sealed record BuildxOutput(string Type, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    /// <summary>Pushes to a registry (<c>type=registry</c>).</summary>
    /// <param name="name">The image names, comma separated, or null to use the tags.</param>
    /// <returns>The output.</returns>
    public static BuildxOutput Registry(string? name = null) => new("registry", name is null ? [] : [new("name", name)]);

    /// <summary>Pushes by digest only, without tags (<c>type=image,push-by-digest=true,name-canonical=true,push=true</c>): the per-runner half of a split build.</summary>
    /// <param name="repository">The repository, e.g. <c>ghcr.io/org/app</c>.</param>
    /// <returns>The output.</returns>
    public static BuildxOutput PushByDigest(string repository) => new("image", [new("name", repository), new("push-by-digest", "true"), new("name-canonical", "true"), new("push", "true")]);

    /// <summary>Writes an OCI layout tarball, or with <paramref name="tar"/> false a layout directory.</summary>
    /// <param name="dest">The file or directory.</param>
    /// <param name="tar">Whether to write a tarball.</param>
    /// <returns>The output.</returns>
    public static BuildxOutput Oci(string dest, bool tar = true) => new("oci", tar ? [new("dest", dest)] : [new("dest", dest), new("tar", "false")]);

    /// <summary>Loads into the local engine (<c>type=docker</c>), or writes a docker tarball to <paramref name="dest"/>.</summary>
    /// <param name="dest">A tarball, or null to load.</param>
    /// <returns>The output.</returns>
    public static BuildxOutput Docker(string? dest = null) => new("docker", dest is null ? [] : [new("dest", dest)]);

    /// <summary>Writes the final stage's files to a directory (one subdirectory per platform on multi-platform builds).</summary>
    /// <param name="dest">The directory.</param>
    /// <returns>The output.</returns>
    public static BuildxOutput Local(string dest) => new("local", [new("dest", dest)]);

    /// <summary>Writes the final stage's files as a tarball.</summary>
    /// <param name="dest">The file, or <c>-</c> for stdout.</param>
    /// <returns>The output.</returns>
    public static BuildxOutput Tar(string dest) => new("tar", [new("dest", dest)]);

    /// <summary>Returns a copy with one more attribute (e.g. <c>compression=zstd</c>, <c>oci-mediatypes=true</c>).</summary>
    /// <param name="key">The attribute.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The modified output.</returns>
    public BuildxOutput With(string key, string value) => this with { Attributes = [.. Attributes.Where(a => a.Key != key), new(key, value)] };

    /// <summary>Renders the <c>--output</c> value; values holding a comma or quote are CSV-quoted as buildx expects.</summary>
    /// <returns>For example <c>type=oci,dest=out.tar</c>.</returns>
    public override string ToString() => Render(Type, Attributes);

    // buildx parses these values as CSV: a field holding a comma or quote is quoted.
    internal static string Render(string type, IEnumerable<KeyValuePair<string, string>> attributes)
        => string.Join(',', attributes.Prepend(new("type", type)).Select(a => Csv($"{a.Key}={a.Value}")));

    private static string Csv(string field) => field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal)
        ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : field;
}

using System.Diagnostics.Contracts;
using static Nuke.CrossBuild.Internal.Guard;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Fluent, copy-returning setters for <see cref="ImagetoolsCreateSettings"/>, in NUKE's vocabulary.</summary>
public static class ImagetoolsCreateSettingsExtensions
{
    /// <summary>Returns a copy with sources.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="sources">Images or digests.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagetoolsCreateSettings SetSources(this ImagetoolsCreateSettings settings, params string[] sources)
        => Required(settings) with { Sources = [.. sources] };

    /// <summary>Returns a copy with tags.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="tags">The tags.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagetoolsCreateSettings SetTags(this ImagetoolsCreateSettings settings, params string[] tags)
        => Required(settings) with { Tags = [.. tags] };

    /// <summary>Returns a copy with one more annotation.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagetoolsCreateSettings AddAnnotation(this ImagetoolsCreateSettings settings, string key, string value)
        => Required(settings) with { Annotations = [.. settings.Annotations, new(key, value)] };

    /// <summary>Returns a copy that only prints the index.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagetoolsCreateSettings EnableDryRun(this ImagetoolsCreateSettings settings)
        => Required(settings) with { DryRun = true };

    /// <summary>Returns a copy that appends to the existing index.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagetoolsCreateSettings EnableAppend(this ImagetoolsCreateSettings settings)
        => Required(settings) with { Append = true };

    /// <summary>Returns a copy with a metadata file.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="path">The file.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImagetoolsCreateSettings SetMetadataFile(this ImagetoolsCreateSettings settings, string path)
        => Required(settings) with { MetadataFile = path };
}

using System.Diagnostics.Contracts;
using Nuke.CrossBuild.Tooling;

namespace Nuke.CrossBuild.Pipelines;

/// <summary>Fluent, copy-returning setters for <see cref="ImageBakeSettings"/>.</summary>
public static class ImageBakeSettingsExtensions
{
    /// <summary>Adds an image (replacing one of the same name).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="name">Its bake target name (<c>[a-zA-Z0-9_-]+</c>).</param>
    /// <param name="image">The image's pipeline settings (its <see cref="ImagePipelineSettings.Driver"/> is not used: one builder bakes all).</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImageBakeSettings AddImage(this ImageBakeSettings settings, string name, ImagePipelineSettings image)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Images = [.. settings.Images.Where(i => i.Key != name), new(Buildx.BakeFile.ValidName(name), image)] };
    }

    /// <summary>Adds an image configured from default pipeline settings.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="name">Its bake target name.</param>
    /// <param name="configure">Configures the image.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImageBakeSettings AddImage(this ImageBakeSettings settings, string name, Configure<ImagePipelineSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return settings.AddImage(name, configure(new ImagePipelineSettings()));
    }

    /// <summary>Sets the buildx driver.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="driver">docker, docker-container, kubernetes or remote.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static ImageBakeSettings SetDriver(this ImageBakeSettings settings, string driver)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Driver = driver };
    }
}

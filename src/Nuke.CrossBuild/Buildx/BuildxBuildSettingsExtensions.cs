using System.Diagnostics.Contracts;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Fluent, copy-returning setters for <see cref="BuildxBuildSettings"/>, in NUKE's vocabulary.</summary>
public static partial class BuildxBuildSettingsExtensions
{
    /// <summary>Sets the build context.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="context">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetContext(this BuildxBuildSettings s, string context)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Context = context };
    }
    /// <summary>Sets the builder instance (<c>--builder</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="builder">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetBuilder(this BuildxBuildSettings s, string builder)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Builder = builder };
    }

    /// <summary>Uses the current builder.</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings ResetBuilder(this BuildxBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Builder = null };
    }

    /// <summary>Sets the Dockerfile (<c>--file</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="file">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetFile(this BuildxBuildSettings s, string file)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { File = file };
    }

    /// <summary>Sets the target stage (<c>--target</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="target">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetTarget(this BuildxBuildSettings s, string target)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Target = target };
    }

    /// <summary>Sets the target platforms (<c>--platform</c>), normalized and joined with commas.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="platforms">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetPlatforms(this BuildxBuildSettings s, params string[] platforms)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Platforms = [.. Normalize(platforms)] };
    }

    /// <summary>Sets the target platforms (<c>--platform</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="platforms">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetPlatforms(this BuildxBuildSettings s, params Platform[] platforms)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Platforms = [.. platforms.Select(p => p.ToString())] };
    }

    /// <summary>Adds target platforms.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="platforms">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddPlatforms(this BuildxBuildSettings s, params string[] platforms)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Platforms = [.. s.Platforms.Concat(Normalize(platforms)).Distinct()] };
    }

    /// <summary>Clears the platforms (the builder's default platform is used).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings ClearPlatforms(this BuildxBuildSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Platforms = [] };
    }

    /// <summary>Sets the image names and tags (<c>--tag</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="tags">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings SetTags(this BuildxBuildSettings s, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Tags = [.. tags] };
    }

    /// <summary>Adds image names and tags.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="tags">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddTags(this BuildxBuildSettings s, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Tags = [.. s.Tags, .. tags] };
    }

    /// <summary>Adds a build argument (<c>--build-arg</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The value.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddBuildArg(this BuildxBuildSettings s, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { BuildArgs = [.. s.BuildArgs.Where(a => a.Key != name), new(name, value)] };
    }

    /// <summary>Adds a named build context (<c>--build-context name=path</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The value.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddBuildContext(this BuildxBuildSettings s, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { BuildContexts = [.. s.BuildContexts.Where(a => a.Key != name), new(name, value)] };
    }

    /// <summary>Adds an image label (<c>--label</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The value.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddLabel(this BuildxBuildSettings s, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Labels = [.. s.Labels.Where(a => a.Key != name), new(name, value)] };
    }

    /// <summary>Adds an annotation (<c>--annotation</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The value.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BuildxBuildSettings AddAnnotation(this BuildxBuildSettings s, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Annotations = [.. s.Annotations, new(name, value)] };
    }

    internal static string SecretVariable(string id) => "CROSSBUILD_SECRET_" + new string([.. id.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);

    // Platforms are normalized through the table: "aarch64" is sent as linux/arm64, "armhf" as linux/arm/v7.
    private static IEnumerable<string> Normalize(IEnumerable<string> platforms) => PlatformSelection.Of(platforms).Expand().Select(p => p.ToString());
}

using System.Diagnostics.Contracts;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Fluent, copy-returning setters for <see cref="BakeTarget"/>, in NUKE's vocabulary.</summary>
public static partial class BakeTargetExtensions
{
    /// <summary>Sets the build context.</summary>
    /// <param name="t">The target.</param>
    /// <param name="context">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget SetContext(this BakeTarget t, string context)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Context = context };
    }

    /// <summary>Sets the Dockerfile (relative to the context, or absolute).</summary>
    /// <param name="t">The target.</param>
    /// <param name="dockerfile">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget SetDockerfile(this BakeTarget t, string dockerfile)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Dockerfile = dockerfile };
    }

    /// <summary>Sets the target stage (bake's <c>target</c>).</summary>
    /// <param name="t">The target.</param>
    /// <param name="stage">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget SetStage(this BakeTarget t, string stage)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Stage = stage };
    }

    /// <summary>Sets the platforms from specs (platforms, aliases, presets, wildcards, exclusions), expanded through the platform table.</summary>
    /// <param name="t">The target.</param>
    /// <param name="specs">The specs.</param>
    /// <returns>A modified copy.</returns>
    /// <exception cref="SettingsException">An unknown platform or preset.</exception>
    [Pure]
    public static BakeTarget SetPlatforms(this BakeTarget t, params string[] specs)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Platforms = [.. Platforms.PlatformSelection.Of(specs).Expand().Select(p => p.ToString())] };
    }

    /// <summary>Sets the platforms from a selection (e.g. the <c>--platforms</c> option's value).</summary>
    /// <param name="t">The target.</param>
    /// <param name="selection">The selection.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget SetPlatforms(this BakeTarget t, PlatformSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return t.SetPlatforms(selection.Specs.ToArray());
    }

    /// <summary>Sets the platforms.</summary>
    /// <param name="t">The target.</param>
    /// <param name="platforms">The platforms.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget SetPlatforms(this BakeTarget t, params Platform[] platforms)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Platforms = [.. platforms.Select(p => p.ToString()).Distinct()] };
    }

    /// <summary>Adds a build argument (replacing one of the same name).</summary>
    /// <param name="t">The target.</param>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget AddArg(this BakeTarget t, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Args = [.. t.Args.Where(a => a.Key != name), new(name, value)] };
    }

    /// <summary>Sets the image names and tags.</summary>
    /// <param name="t">The target.</param>
    /// <param name="tags">The tags.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget SetTags(this BakeTarget t, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Tags = [.. tags] };
    }

    /// <summary>Adds image names and tags.</summary>
    /// <param name="t">The target.</param>
    /// <param name="tags">The tags.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget AddTags(this BakeTarget t, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Tags = [.. t.Tags, .. tags] };
    }

    /// <summary>Adds an image label (replacing one of the same name).</summary>
    /// <param name="t">The target.</param>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget AddLabel(this BakeTarget t, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Labels = [.. t.Labels.Where(a => a.Key != name), new(name, value)] };
    }

    /// <summary>Adds a named build context (replacing one of the same name).</summary>
    /// <param name="t">The target.</param>
    /// <param name="name">The name.</param>
    /// <param name="value">A path, URL, <c>docker-image://</c> or <c>target:</c> reference.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget AddContext(this BakeTarget t, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Contexts = [.. t.Contexts.Where(a => a.Key != name), new(name, value)] };
    }

    /// <summary>Adds targets this one inherits from (later ones win).</summary>
    /// <param name="t">The target.</param>
    /// <param name="targets">The targets.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget AddInherits(this BakeTarget t, params string[] targets)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Inherits = [.. t.Inherits, .. targets] };
    }

    /// <summary>Always pulls base images.</summary>
    /// <param name="t">The target.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget EnablePull(this BakeTarget t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { Pull = true };
    }

    /// <summary>Ignores the cache.</summary>
    /// <param name="t">The target.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeTarget EnableNoCache(this BakeTarget t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t with { NoCache = true };
    }
}

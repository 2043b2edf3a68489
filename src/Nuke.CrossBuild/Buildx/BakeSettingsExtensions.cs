using System.Diagnostics.Contracts;
using Nuke.CrossBuild.Tooling;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Fluent, copy-returning setters for <see cref="BakeSettings"/>, in NUKE's vocabulary.</summary>
public static class BakeSettingsExtensions
{
    /// <summary>Adds a target (replacing one of the same name).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="target">The target.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeSettings AddTarget(this BakeSettings s, BakeTarget target)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(target);
        return s with { Targets = [.. s.Targets.Where(t => t.Name != target.Name), target] };
    }

    /// <summary>Adds a target configured from an empty one.</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The target's name.</param>
    /// <param name="configure">Configures the target.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeSettings AddTarget(this BakeSettings s, string name, Configure<BakeTarget> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return s.AddTarget(configure(new BakeTarget(name)));
    }

    /// <summary>Adds a group (replacing one of the same name).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="name">The group's name.</param>
    /// <param name="targets">The targets and groups it builds.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeSettings AddGroup(this BakeSettings s, string name, params string[] targets)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Groups = [.. s.Groups.Where(g => g.Name != name), new BakeGroup(name, [.. targets])] };
    }

    /// <summary>
    /// Adds one target per item (e.g. per sample, or per platform set), each inheriting <paramref name="inherits"/> when
    /// given, and a group of them all: a matrix that is still one bake.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="s">The settings.</param>
    /// <param name="group">The group's name.</param>
    /// <param name="items">The items.</param>
    /// <param name="name">Names an item's target.</param>
    /// <param name="configure">Configures an item's target.</param>
    /// <param name="inherits">A target every item's target inherits, or null.</param>
    /// <returns>A modified copy.</returns>
    /// <exception cref="SettingsException">Two items name the same target, or an item names an existing target or the group.</exception>
    [Pure]
    public static BakeSettings AddMatrix<T>(this BakeSettings s, string group, IEnumerable<T> items, Func<T, string> name, Func<BakeTarget, T, BakeTarget> configure, string? inherits = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        var targets = items.Select(item => configure(inherits is null ? new BakeTarget(name(item)) : new BakeTarget(name(item)).AddInherits(inherits), item)).ToList();
        if (targets.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            // AddTarget replaces a target of the same name: in a matrix that would drop an item's image without a word.
            throw new SettingsException($"bake matrix '{Internal.LogText.Escape(group)}' names target '{Internal.LogText.Escape(twice.Key)}' twice: expected one target name per item");
        }

        if (targets.FirstOrDefault(t => t.Name == group || s.Targets.Any(e => e.Name == t.Name)) is { } taken)
        {
            throw new SettingsException($"bake matrix '{Internal.LogText.Escape(group)}' item target '{Internal.LogText.Escape(taken.Name)}' is already a target or the group's name: expected a name of its own");
        }

        return targets.Aggregate(s, (settings, target) => settings.AddTarget(target)).AddGroup(group, [.. targets.Select(t => t.Name)]);
    }

    /// <summary>Sets the targets or groups built (default: the <c>default</c> group).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="names">The targets or groups.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeSettings SetBuild(this BakeSettings s, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Build = [.. names] };
    }

    /// <summary>Sets the builder instance (<c>--builder</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="builder">The builder.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeSettings SetBuilder(this BakeSettings s, string builder)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Builder = builder };
    }

    /// <summary>Pushes every target (<c>--push</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeSettings EnablePush(this BakeSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Push = true };
    }

    /// <summary>Loads every target into the engine (<c>--load</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeSettings EnableLoad(this BakeSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Load = true };
    }

    /// <summary>Sets the progress output (<c>--progress</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="progress">auto, plain, tty, quiet or rawjson.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeSettings SetProgress(this BakeSettings s, string progress)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Progress = progress };
    }

    /// <summary>Sets where the per-target metadata is written (<c>--metadata-file</c>).</summary>
    /// <param name="s">The settings.</param>
    /// <param name="path">The file.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static BakeSettings SetMetadataFile(this BakeSettings s, string path)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { MetadataFile = path };
    }
}

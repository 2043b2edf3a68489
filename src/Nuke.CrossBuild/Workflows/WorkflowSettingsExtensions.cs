using System.Diagnostics.Contracts;
using static Nuke.CrossBuild.Internal.Guard;

namespace Nuke.CrossBuild.Workflows;

/// <summary>Fluent, copy-returning setters for <see cref="WorkflowSettings"/>, in NUKE's vocabulary.</summary>
public static class WorkflowSettingsExtensions
{
    /// <summary>Returns a copy with the platform specs.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="specs">Platforms, presets, wildcards, exclusions.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static WorkflowSettings SetPlatforms(this WorkflowSettings settings, params string[] specs)
        => Required(settings) with { Platforms = [.. specs] };

    /// <summary>Returns a copy with the image repository.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="image">For example <c>ghcr.io/owner/app</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static WorkflowSettings SetImage(this WorkflowSettings settings, string image)
        => Required(settings) with { Image = image };

    /// <summary>Returns a copy that builds each platform on its own native runner and merges by digest.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static WorkflowSettings EnableSplit(this WorkflowSettings settings)
        => Required(settings) with { Split = true };

    /// <summary>Returns a copy that requires static binaries.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static WorkflowSettings EnableRequireStatic(this WorkflowSettings settings)
        => Required(settings) with { RequireStatic = true };

    /// <summary>Returns a copy that runs each pushed platform image once.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static WorkflowSettings EnableSmoke(this WorkflowSettings settings)
        => Required(settings) with { Smoke = true };

    /// <summary>Returns a copy with more tag rules.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="rules">Rules in metadata-action syntax.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static WorkflowSettings AddTagRules(this WorkflowSettings settings, params string[] rules)
        => Required(settings) with { TagRules = [.. settings.TagRules, .. rules] };

    /// <summary>Returns a copy whose build jobs run the crossbuild GitHub Action instead of installing the tool themselves.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="action">The action, <c>owner/repo@ref</c> (e.g. <c>acme/crossbuild@v0</c>) or a local <c>./path</c>.</param>
    /// <returns>A modified copy.</returns>
    [Pure]
    public static WorkflowSettings SetAction(this WorkflowSettings settings, string action)
        => Required(settings) with { Action = action };
}

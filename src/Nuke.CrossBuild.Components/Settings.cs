using Nuke.Common.Tooling;

namespace Nuke.CrossBuild.Components;

/// <summary>Applies a component's sealed settings base and then its overridable hook, the way NUKE's components do.</summary>
internal static class Settings
{
    public static T Apply<T>(T settings, Configure<T> settingsBase, Configure<T> hook) => hook(settingsBase(settings));

    /// <summary>The matrix settings a build plans with: its platforms, then its plan hook.</summary>
    /// <summary>
    /// A path the user gave, relative to the root or absolute: NUKE's <c>/</c> refuses a rooted right side ("Second path
    /// must not be rooted") and its string conversion a relative one, so each case goes its own way.
    /// </summary>
    public static Nuke.Common.IO.AbsolutePath UnderRoot(Nuke.Common.IO.AbsolutePath root, string path)
        => Path.IsPathRooted(path) ? Nuke.Common.IO.AbsolutePath.Create(path) : root / path;

    public static Matrix.MatrixSettings Plan(IHazPlatforms build) => Apply(new Matrix.MatrixSettings(), build.PlanSettingsBase, build.PlanSettings);
}

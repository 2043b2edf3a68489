namespace Nuke.CrossBuild.Components;

using Nuke.Common.Tooling;

/// <summary>Applies a component's sealed settings base and then its overridable hook, the way NUKE's components do.</summary>
internal static class Settings
{
    public static T Apply<T>(T settings, Configure<T> settingsBase, Configure<T> hook) => hook(settingsBase(settings));

    /// <summary>The matrix settings a build plans with: its platforms, then its plan hook.</summary>
    public static Matrix.MatrixSettings Plan(IHazPlatforms build) => Apply(new Matrix.MatrixSettings(), build.PlanSettingsBase, build.PlanSettings);
}

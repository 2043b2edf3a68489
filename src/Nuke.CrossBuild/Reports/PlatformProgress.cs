using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Reports;

/// <summary>One platform's progress through a matrix run, reported as it changes stage.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Stage">Its new stage.</param>
/// <param name="Seconds">Seconds since its build started (0 while waiting).</param>
public sealed record PlatformProgress(Platform Platform, PlatformStage Stage, double Seconds);

using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Binfmt;

/// <summary>What <see cref="EmulatorTasks.InstallAsync"/> did for one platform.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Entry">The binfmt_misc entry name.</param>
/// <param name="Action"><c>registered</c>, <c>kept</c>, <c>re-registered</c> or <c>installed by image</c>.</param>
/// <param name="Reason">Why, e.g. <c>interpreter changed since registration</c>.</param>
public sealed record EmulatorAction(Platform Platform, string Entry, string Action, string Reason);

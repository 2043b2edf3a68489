using Nuke.Common;
using Nuke.CrossBuild.Buildx;

namespace Nuke.CrossBuild.Components;

/// <summary>Ensures a buildx builder that can build the planned platforms (the engine's own with the <c>docker</c> driver).</summary>
public interface IEnsureBuilder : IHazPlatforms
{
    /// <summary>Gets the buildx driver (default <c>docker</c>).</summary>
    [Parameter("buildx driver: docker (default, needs the containerd image store for several platforms) or docker-container")]
    string BuilderDriver => TryGetValue(() => BuilderDriver) ?? "docker";

    /// <summary>Gets the target that ensures the builder.</summary>
    Target EnsureBuilder => _ => _
        .Description("Ensures a buildx builder for the planned platforms")
        .Executes(async () =>
        {
            var builder = await BuilderTasks.EnsureBuilderAsync(BuilderDriver, [.. PlannedPlatforms.Select(p => p.ToString())], log: ComponentLog.Write).ConfigureAwait(false);
            ComponentLog.Write($"builder: {builder.Name} ({builder.Driver})");
        });
}

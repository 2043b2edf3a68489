using Nuke.CrossBuild.Tooling;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Runs <c>docker buildx bake</c> with typed settings: every target in one BuildKit session, one solve, shared stages built once.</summary>
public static class BakeTasks
{
    /// <summary>Bakes with configured settings; returns each target's metadata (digest, descriptor) by target name.</summary>
    /// <param name="configure">Configures the settings.</param>
    /// <param name="log">Receives buildx's output lines, or null.</param>
    /// <param name="cancellationToken">Cancels the bake.</param>
    /// <returns>The metadata by target name.</returns>
    public static Task<IReadOnlyDictionary<string, BuildxMetadata>> BakeAsync(Configure<BakeSettings> configure, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return BakeAsync(configure(new BakeSettings()), log, cancellationToken);
    }

    /// <summary>Renders the bake file, runs bake on it and returns each target's metadata by target name.</summary>
    /// <param name="settings">The settings; a metadata file is added when none is set.</param>
    /// <param name="log">Receives buildx's output lines, or null.</param>
    /// <param name="cancellationToken">Cancels the bake.</param>
    /// <returns>The metadata by target name.</returns>
    /// <exception cref="SettingsException">A name bake refuses (see <see cref="BakeFile.Render"/>).</exception>
    /// <exception cref="CrossBuildException">The bake failed.</exception>
    public static async Task<IReadOnlyDictionary<string, BuildxMetadata>> BakeAsync(BakeSettings settings, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stem = Path.Combine(Internal.RunTemp.Directory, $"bake-{Guid.NewGuid():n}");
        var effective = settings.MetadataFile is null ? settings.SetMetadataFile(stem + ".metadata.json") : settings;
        try
        {
            await File.WriteAllTextAsync(stem + ".json", BakeFile.Render(settings), cancellationToken).ConfigureAwait(false);
            var arguments = BuildxArguments.Bake(effective, stem + ".json");
            for (var attempt = 1; ; attempt++)
            {
                var (exitCode, _, stderr) = await DockerCli.RunAsync(arguments, settings.ProcessEnvironment, log, cancellationToken).ConfigureAwait(false);
                if (exitCode == 0)
                {
                    break;
                }

                if (attempt < 3 && DockerCli.IsTransientRegistryError(stderr))
                {
                    log?.Invoke($"the registry failed a push; retrying ({attempt}/2), the bake itself is cached");
                    continue;
                }

                throw await DockerCli.DescribeFailureAsync(arguments, exitCode, stderr, cancellationToken).ConfigureAwait(false);
            }

            var json = await File.ReadAllTextAsync(effective.MetadataFile!, cancellationToken).ConfigureAwait(false);
            return BuildxMetadata.ParseBake(json);
        }
        finally
        {
            File.Delete(stem + ".json");
            File.Delete(stem + ".metadata.json");
        }
    }

    /// <summary>Asks bake for the definition it resolved from the rendered file (<c>--print</c>; needs no engine): inherits applied, defaults filled.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>bake's JSON.</returns>
    /// <exception cref="CrossBuildException">bake refused the file.</exception>
    public static async Task<string> PrintAsync(BakeSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = Path.Combine(Internal.RunTemp.Directory, $"bake-{Guid.NewGuid():n}.json");
        try
        {
            await File.WriteAllTextAsync(file, BakeFile.Render(settings), cancellationToken).ConfigureAwait(false);
            return await DockerCli.RunCheckedAsync(BuildxArguments.Bake(settings with { MetadataFile = null }, file, print: true), settings.ProcessEnvironment, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using Nuke.CrossBuild.Tooling;

namespace Nuke.CrossBuild.Buildx;

/// <summary>Runs <c>docker buildx</c> with typed settings: build, create, ls, rm, use, imagetools.</summary>
public static class BuildxTasks
{
    /// <summary>Builds an image; returns the parsed metadata (digest, descriptor).</summary>
    /// <param name="configure">Configures the settings.</param>
    /// <param name="log">Receives buildx's output lines, or null.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The metadata.</returns>
    public static Task<BuildxMetadata> BuildAsync(Configure<BuildxBuildSettings> configure, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return BuildAsync(configure(new BuildxBuildSettings()), log, cancellationToken);
    }

    /// <summary>Builds an image; returns the parsed metadata (digest, descriptor).</summary>
    /// <param name="settings">The settings; a metadata file is added when none is set.</param>
    /// <param name="log">Receives buildx's output lines, or null.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="CrossBuildException">The build failed.</exception>
    public static async Task<BuildxMetadata> BuildAsync(BuildxBuildSettings settings, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var temp = settings.MetadataFile is null ? System.IO.Path.Combine(Internal.RunTemp.Directory, $"buildx-metadata-{Guid.NewGuid():n}.json") : null;
        try
        {
            var effective = temp is null ? settings : settings.SetMetadataFile(temp);
            for (var attempt = 1; ; attempt++)
            {
                var (exitCode, _, stderr) = await DockerCli.RunAsync(BuildxArguments.Build(effective), settings.ProcessEnvironment, log, cancellationToken).ConfigureAwait(false);
                if (exitCode == 0)
                {
                    break;
                }

                if (attempt < 3 && DockerCli.IsTransientRegistryError(stderr))
                {
                    log?.Invoke($"the registry failed a push ({stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim()}); retrying ({attempt}/2), the build itself is cached");
                    continue;
                }

                var arguments = BuildxArguments.Build(effective);
                throw await DockerCli.DescribeFailureAsync(arguments, exitCode, stderr, cancellationToken).ConfigureAwait(false);
            }

            var json = await File.ReadAllTextAsync(effective.MetadataFile!, cancellationToken).ConfigureAwait(false);
            return json.Length == 0 ? new BuildxMetadata() : BuildxMetadata.Parse(json);
        }
        finally
        {
            if (temp is not null)
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Builds into an OCI image layout directory (buildx writes an OCI tarball, which is unpacked and removed).</summary>
    /// <param name="settings">The settings; an OCI output is added.</param>
    /// <param name="directory">The layout directory; created or overwritten.</param>
    /// <param name="log">Receives buildx's output lines, or null.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="CrossBuildException">The build failed.</exception>
    public static async Task<BuildxMetadata> BuildOciLayoutAsync(BuildxBuildSettings settings, string directory, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tar = LayoutTarball(directory);
        try
        {
            var metadata = await BuildAsync(settings.AddOutput(BuildxOutput.Oci(tar)), log, cancellationToken).ConfigureAwait(false);
            await ExtractLayoutAsync(tar, directory, cancellationToken).ConfigureAwait(false);
            return metadata;
        }
        finally
        {
            File.Delete(tar);
        }
    }

    /// <summary>The OCI tarball an OCI layout directory is exported through: <c>&lt;directory&gt;.tar</c>, its parent created.</summary>
    internal static string LayoutTarball(string directory)
    {
        var tar = System.IO.Path.GetFullPath(directory).TrimEnd('/') + ".tar";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(tar)!);
        return tar;
    }

    /// <summary>Unpacks buildx's OCI tarball into a layout directory (created or overwritten).</summary>
    internal static async Task ExtractLayoutAsync(string tar, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await System.Formats.Tar.TarFile.ExtractToDirectoryAsync(tar, directory, overwriteFiles: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the builders.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The builders.</returns>
    public static async Task<IReadOnlyList<BuilderInfo>> ListAsync(CancellationToken cancellationToken = default)
        => BuilderInfo.ParseList(await DockerCli.RunCheckedAsync(BuildxArguments.List(), cancellationToken: cancellationToken).ConfigureAwait(false));

    /// <summary>Creates a builder (or appends a node) with configured settings.</summary>
    /// <param name="configure">Configures the settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The builder's name as buildx prints it.</returns>
    public static Task<string> CreateAsync(Configure<BuildxCreateSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return CreateAsync(configure(new BuildxCreateSettings()), cancellationToken);
    }

    /// <summary>Creates a builder (or appends a node).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The builder's name as buildx prints it.</returns>
    public static async Task<string> CreateAsync(BuildxCreateSettings settings, CancellationToken cancellationToken = default)
        => (await DockerCli.RunCheckedAsync(BuildxArguments.Create(settings), cancellationToken: cancellationToken).ConfigureAwait(false)).Trim();

    /// <summary>Removes a builder.</summary>
    /// <param name="name">The builder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public static Task RemoveAsync(string name, CancellationToken cancellationToken = default)
        => DockerCli.RunCheckedAsync(BuildxArguments.Remove(name), cancellationToken: cancellationToken);

    /// <summary>Makes a builder current.</summary>
    /// <param name="name">The builder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public static Task UseAsync(string name, CancellationToken cancellationToken = default)
        => DockerCli.RunCheckedAsync(BuildxArguments.Use(name), cancellationToken: cancellationToken);

    /// <summary>Merges images or digests into one index, with configured settings.</summary>
    /// <param name="configure">Configures the settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What imagetools printed (the index with --dry-run).</returns>
    public static Task<string> ImagetoolsCreateAsync(Configure<ImagetoolsCreateSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return ImagetoolsCreateAsync(configure(new ImagetoolsCreateSettings()), cancellationToken);
    }

    /// <summary>Merges images or digests into one index (the merge step of split per-platform builds).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What imagetools printed (the index with --dry-run).</returns>
    public static Task<string> ImagetoolsCreateAsync(ImagetoolsCreateSettings settings, CancellationToken cancellationToken = default)
        => DockerCli.RunCheckedAsync(BuildxArguments.ImagetoolsCreate(settings), cancellationToken: cancellationToken);

    /// <summary>Reads an image's raw manifest or index from its registry.</summary>
    /// <param name="reference">The image.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The JSON.</returns>
    public static Task<string> ImagetoolsInspectRawAsync(string reference, CancellationToken cancellationToken = default)
        => DockerCli.RunCheckedAsync(BuildxArguments.ImagetoolsInspectRaw(reference), cancellationToken: cancellationToken);
}

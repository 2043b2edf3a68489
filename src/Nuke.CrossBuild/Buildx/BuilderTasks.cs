namespace Nuke.CrossBuild.Buildx;

/// <summary>Makes sure a usable buildx builder exists before a build: reuses a matching one, repairs or recreates a broken one, and refuses up front what it cannot do.</summary>
public static class BuilderTasks
{
    /// <summary>The builder name used when none is given.</summary>
    public const string DefaultName = "crossbuild";

    /// <summary>Ensures a builder: for the <c>docker</c> driver, the engine's own builder (checked for the containerd image store when building several platforms); otherwise a named builder, created or repaired as needed.</summary>
    /// <param name="driver"><c>docker</c> (default), <c>docker-container</c>, <c>kubernetes</c> or <c>remote</c>.</param>
    /// <param name="platforms">The platforms the plan builds.</param>
    /// <param name="create">Settings for creating a non-docker builder (name, driver options, endpoint), or null for the defaults.</param>
    /// <param name="log">Receives what it does, or null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The builder, running.</returns>
    /// <exception cref="BuildxException">The builder cannot build the plan; the message says how to fix it.</exception>
    public static async Task<BuilderInfo> EnsureBuilderAsync(string driver, IReadOnlyList<string> platforms, BuildxCreateSettings? create = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var (builder, lease) = await LeaseBuilderAsync(driver, platforms, create, log, cancellationToken, describe: true).ConfigureAwait(false);
        lease.Dispose();
        return builder ?? throw new BuildxException("docker buildx ls shows no builder with the docker driver; is the engine running?");
    }

    /// <summary>
    /// Ensures a builder and keeps it leased (a shared lock) until the lease is disposed, so no other pipeline removes or
    /// recreates it meanwhile. A healthy named builder is listed once; the docker driver's builder (the engine's own, which
    /// always exists where the engine answers) is described only when <paramref name="describe"/> asks for it, so a
    /// pipeline pays one engine check and no <c>docker buildx ls</c> (about a quarter of a second each) before its build.
    /// </summary>
    internal static async Task<(BuilderInfo? Builder, IDisposable Lease)> LeaseBuilderAsync(
        string driver, IReadOnlyList<string> platforms, BuildxCreateSettings? create, Action<string>? log, CancellationToken cancellationToken, bool describe = false)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(platforms);
        var name = driver == "docker" ? "default" : create?.Name ?? DefaultName;
        var lease = await BuilderLock.AcquireAsync(name, exclusive: false, cancellationToken).ConfigureAwait(false);
        try
        {
            var builder = driver == "docker" ? null : await HealthyAsync(name, driver, cancellationToken).ConfigureAwait(false);
            if (builder is null)
            {
                lease.Dispose();
                using (await BuilderLock.AcquireAsync(name, exclusive: true, cancellationToken).ConfigureAwait(false))
                {
                    builder = await EnsureAsync(name, driver, platforms, create, log ?? (_ => { }), describe, cancellationToken).ConfigureAwait(false);
                }

                lease = await BuilderLock.AcquireAsync(name, exclusive: false, cancellationToken).ConfigureAwait(false);
                // Between the exclusive lock and the shared one another pipeline may have removed the named builder it found broken.
                builder = driver == "docker" ? builder : (await BuildxTasks.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(b => b.Name == name)
                    ?? throw new BuildxException($"builder {name} vanished right after it was made ready; is the engine running?");
            }

            return (builder, lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private static async Task<BuilderInfo?> HealthyAsync(string name, string driver, CancellationToken cancellationToken)
        => (await BuildxTasks.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(b => b.Name == name && b.Driver == driver && b.Nodes.Count > 0 && b.Nodes.All(n => n.Status == "running" && n.Error is null));

    private static async Task<BuilderInfo?> EnsureAsync(string name, string driver, IReadOnlyList<string> platforms, BuildxCreateSettings? create, Action<string> log, bool describe, CancellationToken cancellationToken)
    {
        if (driver == "docker")
        {
            using (var engine = await Engine.DockerEngine.ConnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                CheckDockerDriver(engine.ContainerdImageStore ? "io.containerd.snapshotter" : "no containerd image store", platforms.Count);
            }

            if (!describe)
            {
                return null;
            }

            var builders = await BuildxTasks.ListAsync(cancellationToken).ConfigureAwait(false);
            return builders.FirstOrDefault(b => b.Driver == "docker")
                ?? throw new BuildxException("docker buildx ls shows no builder with the docker driver; is the engine running?");
        }

        var settings = (create ?? new BuildxCreateSettings()).SetName(name).SetDriver(driver);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var existing = (await BuildxTasks.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(b => b.Name == name);
            if (existing is not null && (existing.Driver != driver || existing.Nodes.Any(n => n.Status == "error" || n.Error is not null) || attempt > 0))
            {
                log($"builder {name}: {(existing.Driver != driver ? $"driver {existing.Driver}, expected {driver}" : "broken")}; removing it");
                await BuildxTasks.RemoveAsync(name, cancellationToken).ConfigureAwait(false);
                existing = null;
            }

            if (existing is null)
            {
                log($"builder {name}: creating ({driver})");
                await BuildxTasks.CreateAsync(settings, cancellationToken).ConfigureAwait(false);
            }

            var (exitCode, _, stderr) = await DockerCli.RunAsync(BuildxArguments.Inspect(name, bootstrap: true), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (exitCode == 0)
            {
                return (await BuildxTasks.ListAsync(cancellationToken).ConfigureAwait(false)).First(b => b.Name == name);
            }

            log($"builder {name}: bootstrap failed: {LastLine(stderr)}");
            if (attempt == 1)
            {
                throw new BuildxException($"cannot start builder {name} ({driver}): {LastLine(stderr)}" + (driver == "docker-container"
                    ? "; the docker-container driver pulls moby/buildkit — without registry access use the docker driver with the containerd image store"
                    : string.Empty));
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Checks that the docker driver can build the plan: several platforms need the containerd image store.</summary>
    /// <param name="driverStatusJson">The engine's driver status (as <c>docker info --format '{{json .DriverStatus}}'</c> prints it).</param>
    /// <param name="platformCount">How many platforms one build produces.</param>
    /// <exception cref="BuildxException">It cannot; the message says how to fix it.</exception>
    public static void CheckDockerDriver(string driverStatusJson, int platformCount)
    {
        ArgumentNullException.ThrowIfNull(driverStatusJson);
        if (platformCount > 1 && !driverStatusJson.Contains("io.containerd.snapshotter", StringComparison.Ordinal))
        {
            throw new BuildxException($"the docker driver without the containerd image store cannot build {platformCount} platforms into one image " +
                "(\"Multi-platform build is not supported for the docker driver\"); add {\"features\":{\"containerd-snapshotter\":true}} to daemon.json and restart dockerd, or use a docker-container builder");
        }
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "no output";
}

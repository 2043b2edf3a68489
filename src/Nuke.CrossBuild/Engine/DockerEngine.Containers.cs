using Docker.DotNet;
using Docker.DotNet.Models;
using Platform = Nuke.CrossBuild.Platforms.Platform;

namespace Nuke.CrossBuild.Engine;

public sealed partial class DockerEngine
{
    /// <summary>The label every container crossbuild creates carries (its value: the creating process's ID), so leftovers can be found.</summary>
    public const string ContainerLabel = "io.github.nuke-crossbuild.run";

    /// <summary>
    /// Runs an image once for a platform, with no network, standard input closed and an init as PID 1, as that platform's weakest CPU when
    /// it runs emulated (<c>QEMU_CPU</c> reaches QEMU through binfmt_misc); the container is removed on every exit path —
    /// success, failure, time limit, cancellation.
    /// </summary>
    /// <param name="settings">What to run.</param>
    /// <param name="cancellationToken">Cancels the run (the container is still removed).</param>
    /// <returns>Exit code and output.</returns>
    /// <exception cref="EngineException">The image cannot be had, the container cannot start, or the time limit passed.</exception>
    public async Task<ContainerRun> RunAsync(ContainerRunSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var platform = Platform.Parse(settings.Platform);
        await EnsureImageAsync(settings, platform, cancellationToken).ConfigureAwait(false);
        var cpu = settings.WeakestCpu && !Platform.Host.Equals(platform) ? platform.Info.QemuCpu : null;
        var environment = settings.Environment.Concat(cpu is null ? [] : [$"QEMU_CPU={cpu}"]).ToList();
        string? id = null;
        // Named, so a container whose creation was cancelled in flight (the daemon made it, the answer never arrived)
        // can still be found and removed.
        var name = $"crossbuild-{Environment.ProcessId}-{Guid.NewGuid():n}";
        try
        {
            var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = name,
                Image = settings.Image,
                Platform = platform.ToString(),
                Cmd = settings.Arguments.Count > 0 ? [.. settings.Arguments] : null!,
                Env = environment.Count > 0 ? environment : null!,
                Labels = new Dictionary<string, string> { [ContainerLabel] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                // An init as PID 1: the kernel ignores a signal PID 1 sends itself, so an emulated program dying of SIGILL
                // (QEMU re-raises the guest's signal on itself) would otherwise hang instead of ending with 132.
                HostConfig = new HostConfig { NetworkMode = "none", Init = true, Privileged = settings.Privileged },
            }, cancellationToken).ConfigureAwait(false);
            id = created.ID;
            await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(settings.Timeout);
            ContainerWaitResponse exit;
            try
            {
                exit = await client.Containers.WaitContainerAsync(id, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new EngineException($"{settings.Image} ({platform}) did not finish within {settings.Timeout.TotalSeconds:0} s; the container was removed");
            }

            var (stdout, stderr) = await ReadLogsAsync(id, cancellationToken).ConfigureAwait(false);
            return new ContainerRun(exit.StatusCode, stdout, stderr, cpu);
        }
        catch (DockerApiException e)
        {
            throw new EngineException($"cannot run {settings.Image} ({platform}): {Reason(e)}");
        }
        finally
        {
            if (id is not null)
            {
                await RemoveContainerAsync(id).ConfigureAwait(false);
            }
            else if (cancellationToken.IsCancellationRequested)
            {
                await RemoveInFlightAsync(name).ConfigureAwait(false);
            }
        }
    }

    // The engine can answer the wait before a program's last output reached the log (seen once in hundreds of runs: exit 0,
    // no output); empty logs are read again a few times before they count as empty.
    private async Task<(string StdOut, string StdErr)> ReadLogsAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var logs = await client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, cancellationToken).ConfigureAwait(false);
            var output = await logs.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
            if (output.stdout.Length > 0 || output.stderr.Length > 0 || attempt == 5)
            {
                return output;
            }

            await Task.Delay(100 * attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    // The create request may still be in the daemon: look for the name a few times before concluding there is none.
    private async Task RemoveInFlightAsync(string name)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var found = await client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true, Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name] = true } },
            }, limit.Token).ConfigureAwait(false);
            if (found.Count > 0)
            {
                await RemoveContainerAsync(found[0].ID).ConfigureAwait(false);
                return;
            }

            await Task.Delay(200, limit.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Lists the containers crossbuild processes created that still exist (there should be none once they ended).</summary>
    /// <param name="processId">Only those of this crossbuild process, or null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Their IDs.</returns>
    public Task<IReadOnlyList<string>> LeftoverContainersAsync(int? processId = null, CancellationToken cancellationToken = default)
        => LeftoverContainersAsync(processId, image: null, cancellationToken);

    /// <summary>Lists the containers crossbuild processes created from an image that still exist (one process may run several at once).</summary>
    /// <param name="processId">Only those of this crossbuild process, or null for all.</param>
    /// <param name="image">Only those of this image (and images built on it), or null for any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Their IDs.</returns>
    public async Task<IReadOnlyList<string>> LeftoverContainersAsync(int? processId, string? image, CancellationToken cancellationToken = default)
    {
        var label = processId is { } pid ? $"{ContainerLabel}={pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : ContainerLabel;
        var filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } };
        if (image is not null)
        {
            filters["ancestor"] = new Dictionary<string, bool> { [image] = true };
        }

        var all = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters }, cancellationToken).ConfigureAwait(false);
        return [.. all.Select(c => c.ID)];
    }

    private async Task EnsureImageAsync(ContainerRunSettings settings, Platform platform, CancellationToken cancellationToken)
    {
        var local = await InspectImageAsync(settings.Image, cancellationToken).ConfigureAwait(false) is not null;
        if (local && !settings.Pull)
        {
            return;
        }

        var reference = Registry.ImageReference.Parse(settings.Image);
        try
        {
            // With the containerd store the engine keeps every platform of an index; pulling one more is cheap and idempotent.
            await client.Images.CreateImageAsync(new ImagesCreateParameters
            {
                FromImage = $"{reference.Registry}/{reference.Repository}".Replace("docker.io/", string.Empty, StringComparison.Ordinal),
                Tag = reference.Digest ?? reference.Tag,
                Platform = platform.ToString(),
            }, null, new Progress(_ => { }), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            // Not in a registry (loaded or built locally): the engine's copy is what runs.
            if (!local)
            {
                throw new EngineException($"cannot get {settings.Image} for {platform}: {Reason(e)}");
            }
        }
    }

    // Removal must happen even after cancellation: its own token and time limit.
    private async Task RemoveContainerAsync(string id)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, limit.Token).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }
}

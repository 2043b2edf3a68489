using Docker.DotNet;
using Docker.DotNet.Models;

namespace Nuke.CrossBuild.Engine;

public sealed partial class DockerEngine
{
    /// <summary>Loads an image archive (an OCI layout tarball, or <c>docker save</c> output) into the engine.</summary>
    /// <param name="archive">The tarball.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>What the engine reported (e.g. <c>Loaded image: app:1</c>).</returns>
    /// <exception cref="EngineException">The engine refused the archive.</exception>
    public async Task<IReadOnlyList<string>> LoadAsync(string archive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var messages = new List<string>();
        await using var stream = File.OpenRead(archive);
        try
        {
            await client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, stream, new Progress(m => Collect(messages, m)), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new EngineException($"the engine refused {archive}: {Reason(e)}{(ContainerdImageStore ? string.Empty : " (multi-platform OCI archives need the containerd image store)")}");
        }

        var error = messages.FirstOrDefault(m => m.StartsWith("error: ", StringComparison.Ordinal));
        return error is null ? messages : throw new EngineException($"the engine could not load {archive}: {error[7..]}");
    }

    /// <summary>Inspects an image the engine has.</summary>
    /// <param name="image">The reference or ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The image's ID, platform and tags, or null when the engine does not have it.</returns>
    public async Task<EngineImage?> InspectImageAsync(string image, CancellationToken cancellationToken = default)
    {
        try
        {
            var found = await client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            var platform = $"{found.Os}/{found.Architecture}{(string.IsNullOrEmpty(found.Variant) ? string.Empty : "/" + found.Variant)}";
            return new EngineImage(found.ID, platform, [.. found.RepoTags ?? []]);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Tags an image.</summary>
    /// <param name="source">The image.</param>
    /// <param name="target">The new <c>repository:tag</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task TagAsync(string source, string target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var colon = target.LastIndexOf(':');
        var hasTag = colon > target.LastIndexOf('/');
        return client.Images.TagImageAsync(source, new ImageTagParameters { RepositoryName = hasTag ? target[..colon] : target, Tag = hasTag ? target[(colon + 1)..] : "latest" }, cancellationToken);
    }

    /// <summary>Removes an image reference (and the image when nothing else refers to it).</summary>
    /// <param name="image">The reference or ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether there was such an image.</returns>
    public async Task<bool> RemoveImageAsync(string image, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    private static void Collect(List<string> messages, JSONMessage message)
    {
        if (message.Error?.Message is { Length: > 0 } error)
        {
            messages.Add("error: " + error);
        }
        else if (message.Stream?.Trim() is { Length: > 0 } text)
        {
            messages.Add(text);
        }
    }

    private sealed class Progress(Action<JSONMessage> report) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => report(value);
    }
}

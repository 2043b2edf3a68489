using System.Net.Http.Headers;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;

namespace Nuke.CrossBuild.Images;

/// <summary>Reads an image from a registry over the distribution API (see <see cref="RegistryClient"/> for the transport and credential rules).</summary>
public sealed class RegistrySource : IImageSource
{
    private static readonly string[] ManifestTypes = [MediaTypes.OciIndex, MediaTypes.DockerManifestList, MediaTypes.OciManifest, MediaTypes.DockerManifest];
    private readonly RegistryClient client;
    private readonly ImageReference reference;
    private readonly ImageReadLimits limits;

    /// <summary>Creates a source for an image in a registry.</summary>
    /// <param name="reference">The image.</param>
    /// <param name="credentials">The login for this registry, or null for anonymous access.</param>
    /// <param name="insecure">Whether to use plain HTTP for a registry that is not on loopback.</param>
    /// <param name="handler">The HTTP handler, or null for the default.</param>
    /// <param name="limits">The read limits, or null for the defaults.</param>
    public RegistrySource(ImageReference reference, RegistryCredentials? credentials = null, bool insecure = false, HttpMessageHandler? handler = null, ImageReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        this.reference = reference;
        this.limits = limits ?? ImageReadLimits.Default;
        client = new RegistryClient(reference, credentials, insecure, this.limits, handler);
    }

    /// <inheritdoc />
    public string Name => reference.ToString();

    private string PullScope => $"repository:{reference.Repository}:pull";

    /// <inheritdoc />
    public async Task<ImageRoot> GetRootAsync(CancellationToken cancellationToken = default)
    {
        var pin = reference.Digest is { } digest ? OciDigest.Parse(digest) : null;
        using var response = await client.SendAsync(Get(ManifestTypes), $"manifests/{reference.Reference}", PullScope, null, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > limits.MaxManifestBytes)
        {
            throw new RegistryException($"{Name}: the manifest is {response.Content.Headers.ContentLength} bytes, more than the {limits.MaxManifestBytes}-byte limit", reference.Registry);
        }

        await using var body = await client.BodyAsync(response, "manifest", cancellationToken).ConfigureAwait(false);
        var content = await Internal.BoundedRead.AllAsync(body, limits.MaxManifestBytes, $"{Name}: the manifest", m => new RegistryException(m, reference.Registry), cancellationToken).ConfigureAwait(false);
        return new ImageRoot(response.Content.Headers.ContentType?.MediaType ?? string.Empty, content) { Pin = pin };
    }

    /// <inheritdoc />
    public Task<Stream> OpenManifestAsync(OciDescriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return OpenAsync($"manifests/{descriptor.Digest}", ManifestTypes, descriptor, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Stream> OpenBlobAsync(OciDescriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return OpenAsync($"blobs/{descriptor.Digest}", ["*/*"], descriptor, cancellationToken);
    }

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => client.Dispose();

    private static Func<Uri, HttpRequestMessage> Get(string[] accept) => uri =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var type in accept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return request;
    };

    private async Task<Stream> OpenAsync(string path, string[] accept, OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        _ = OciDigest.TryParse(descriptor.Digest, out _, out var error) ? 0 : throw new ImageSourceException($"{Name}: {error}");
        var response = await client.SendAsync(Get(accept), path, PullScope, null, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is { } length && length != descriptor.Size)
        {
            response.Dispose();
            throw new ContentVerificationException($"{Name}: {path} is {length} bytes, but its descriptor says {descriptor.Size}");
        }

        return await client.BodyAsync(response, path, cancellationToken).ConfigureAwait(false);
    }
}

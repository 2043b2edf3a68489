using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Tests.Images.Assembly;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>
/// A one-platform image (index and manifest, no layers needed) in the in-memory registry, signed by
/// <see cref="ImageSigning.PushAsync"/> as a verified push signs it; and plain HTTP reads of what was written.
/// </summary>
internal sealed class ReferrersImage : IAsyncDisposable
{
    public const string Index = MediaTypes.OciIndex;

    public static readonly byte[] PlatformManifest = Encoding.UTF8.GetBytes(
        """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},"layers":[]}""");

    public static readonly string PlatformDigest = Sha256(PlatformManifest);

    public static readonly byte[] IndexManifest = Encoding.UTF8.GetBytes(
        $$$"""{"schemaVersion":2,"mediaType":"{{{Index}}}","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":{{{PlatformManifest.Length}}},"digest":"{{{PlatformDigest}}}","platform":{"architecture":"amd64","os":"linux"}}]}""");

    public static readonly string IndexDigest = Sha256(IndexManifest);

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private ReferrersImage(InMemoryRegistry registry) => Registry = registry;

    public InMemoryRegistry Registry { get; }

    /// <summary>Gets the referrers fallback tag of the index digest, <c>sha256-&lt;hex&gt;</c>.</summary>
    public static string IndexFallbackTag => IndexDigest.Replace(':', '-');

    public static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<ReferrersImage> StartAsync(Func<HttpContext, Task<bool>>? hostile = null, bool referrers = false)
    {
        var image = new ReferrersImage(await InMemoryRegistry.StartAsync(hostile, referrers));
        await image.PutManifestAsync(PlatformDigest, PlatformManifest, MediaTypes.OciManifest);
        await image.PutManifestAsync(IndexDigest, IndexManifest, Index);
        await image.PutManifestAsync("1", IndexManifest, Index);
        return image;
    }

    /// <summary>Signs the image as a verified push does; returns the tags written.</summary>
    public async Task<IReadOnlyList<string>> SignAsync(SigningKey key)
    {
        using var client = new RegistryClient(ImageReference.Parse($"{Registry.HostPort}/team/app:1"), null, false, ImageReadLimits.Default, handler: null);
        var verification = new ImageVerification
        {
            Image = $"{Registry.HostPort}/team/app@{IndexDigest}", Platforms = ["linux/amd64"], Problems = [],
            Entries = [new ImagePlatformVerification(Nuke.CrossBuild.Platforms.Platform.Parse("linux/amd64"), PlatformDigest, null, null, [])],
        };
        return await ImageSigning.PushAsync(client, client.Reference, IndexDigest, verification, new VerificationPolicy(["linux/amd64"], false, null), key, 1 << 20, TestContext.Current.CancellationToken);
    }

    public async Task PutManifestAsync(string reference, byte[] bytes, string mediaType)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await http.PutAsync(Url($"manifests/{reference}"), content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The bytes under a reference, or null when the registry answers 404.</summary>
    public async Task<byte[]?> GetAsync(string path)
    {
        using var response = await http.GetAsync(Url(path), TestContext.Current.CancellationToken);
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The entries of the index under a path (a fallback tag, or the referrers API).</summary>
    public async Task<JsonArray> EntriesAsync(string path) => JsonNode.Parse((await GetAsync(path))!)!["manifests"]!.AsArray();

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Registry.DisposeAsync();
    }

    private Uri Url(string path) => new($"http://{Registry.HostPort}/v2/team/app/{path}");
}

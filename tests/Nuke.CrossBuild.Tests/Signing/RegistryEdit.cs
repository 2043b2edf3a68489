using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>What an attacker with push rights does to a plain-http loopback registry: copy a manifest to another tag, upload a changed blob.</summary>
internal sealed class RegistryEdit(string repository) : IDisposable
{
    private const string Manifest = "application/vnd.oci.image.manifest.v1+json";
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string registry = repository[..repository.IndexOf('/', StringComparison.Ordinal)];
    private readonly string name = repository[(repository.IndexOf('/', StringComparison.Ordinal) + 1)..];

    public void Dispose() => http.Dispose();

    private Uri Url(string path) => new($"http://{registry}/v2/{name}/{path}");

    public async Task<byte[]> GetManifestAsync(string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url($"manifests/{reference}"));
        request.Headers.Accept.ParseAdd(Manifest);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    public async Task PutManifestAsync(string reference, byte[] manifest)
    {
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(Manifest);
        using var response = await http.PutAsync(Url($"manifests/{reference}"), content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<byte[]> GetBlobAsync(string digest) => await http.GetByteArrayAsync(Url($"blobs/{digest}"), TestContext.Current.CancellationToken);

    /// <summary>Uploads a blob (POST, then one PUT); returns its digest.</summary>
    public async Task<string> PutBlobAsync(byte[] blob)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob));
        using var start = await http.PostAsync(Url("blobs/uploads/"), null, TestContext.Current.CancellationToken);
        start.EnsureSuccessStatusCode();
        var location = new Uri(Url("x"), start.Headers.Location!);
        var separator = location.Query.Length > 0 ? "&" : "?";
        using var content = new ByteArrayContent(blob);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var done = await http.PutAsync(new Uri($"{location}{separator}digest={Uri.EscapeDataString(digest)}"), content, TestContext.Current.CancellationToken);
        done.EnsureSuccessStatusCode();
        return digest;
    }

    public static string Tag(string digest, string suffix) => digest.Replace(':', '-') + "." + suffix;
}

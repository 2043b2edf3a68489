using System.Security.Cryptography;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>The pusher on its own against the in-memory registry: what a registry's hints may make it do.</summary>
public sealed class LayoutPusherSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private OciDescriptor Blob(byte[] bytes, long? claimedSize = null)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Directory.CreateDirectory(dir.Combine("blobs", "sha256"));
        File.WriteAllBytes(dir.Combine("blobs", "sha256", hex), bytes);
        return new OciDescriptor { MediaType = "application/octet-stream", Digest = "sha256:" + hex, Size = claimedSize ?? bytes.Length };
    }

    [Fact(Timeout = 30_000)]
    public async Task A_registry_asking_for_chunks_of_more_than_2_GiB_gets_one_streamed_put_instead()
    {
        await using var registry = await InMemoryRegistry.StartAsync(context =>
        {
            if (context.Request.Method == "POST")
            {
                context.Response.Headers["OCI-Chunk-Min-Length"] = "3000000000"; // the upload itself is the registry's own
            }

            return Task.FromResult(false);
        });
        var blob = Blob(RandomNumberGenerator.GetBytes(4096), claimedSize: 3L << 30); // the size decides chunking; the bytes stay small
        var manifest = Blob("{}"u8.ToArray());
        using var client = new RegistryClient(ImageReference.Parse($"{registry.HostPort}/team/app:1"), null, false, ImageReadLimits.Default, handler: null);

        var (uploaded, _) = await new LayoutPusher(client, dir.Path, new Dictionary<string, string>(), 16 << 10).PushContentAsync([blob], [manifest], TestContext.Current.CancellationToken);

        Assert.Equal(1, uploaded);
        Assert.DoesNotContain(registry.Server.Requests, r => r.Method == "PATCH");
        Assert.Empty(registry.Tags);
    }
}

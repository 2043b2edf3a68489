using System.Collections.Concurrent;
using System.Security.Cryptography;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Publish;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>
/// The pusher's steps at their edges against the in-memory registry (no engine): chunking, the registry's confirmations
/// of ranges and digests, mounts, retries and the upload location's own query. Written for the Push mutation group.
/// </summary>
public sealed class LayoutPusherEdgeSpecs : IDisposable
{
    private const int Chunk = 1024;
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private OciDescriptor Blob(byte[] bytes)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Directory.CreateDirectory(dir.Combine("blobs", "sha256"));
        File.WriteAllBytes(dir.Combine("blobs", "sha256", hex), bytes);
        return new OciDescriptor { MediaType = "application/octet-stream", Digest = "sha256:" + hex, Size = bytes.Length };
    }

    private async Task<(int Uploaded, int Mounted)> PushAsync(InMemoryRegistry registry, OciDescriptor blob, IReadOnlyDictionary<string, string>? mounts = null)
    {
        using var client = new RegistryClient(ImageReference.Parse($"{registry.HostPort}/team/app:1"), null, false, ImageReadLimits.Default, handler: null);
        return await new LayoutPusher(client, dir.Path, mounts ?? new Dictionary<string, string>(), Chunk).PushContentAsync([blob], [Blob("{}"u8.ToArray())], TestContext.Current.CancellationToken);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(Chunk - 1, 0)]
    [InlineData(Chunk, 0)]
    [InlineData(Chunk + 1, 2)]
    [InlineData((3 * Chunk) + 10, 4)]
    public async Task A_blob_larger_than_the_chunk_size_goes_up_in_chunks_with_inclusive_ranges_and_arrives_whole(int size, int patches)
    {
        var ranges = new ConcurrentQueue<string>();
        await using var registry = await InMemoryRegistry.StartAsync(context =>
        {
            if (context.Request.Method == "PATCH")
            {
                ranges.Enqueue(context.Request.Headers["Content-Range"].ToString());
            }

            return Task.FromResult(false);
        });

        var (uploaded, mounted) = await PushAsync(registry, Blob(RandomNumberGenerator.GetBytes(size)));

        Assert.Equal((1, 0), (uploaded, mounted)); // the closing PUT is refused (400) unless the bytes match the digest
        Assert.Equal(patches, ranges.Count);
        Assert.Equal(Enumerable.Range(0, patches).Select(i => $"{i * Chunk}-{Math.Min((i + 1) * Chunk, size) - 1}"), ranges);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_blob_the_registry_has_already_is_neither_uploaded_nor_mounted()
    {
        await using var registry = await InMemoryRegistry.StartAsync();
        var blob = Blob(RandomNumberGenerator.GetBytes(100));
        await PushAsync(registry, blob);
        var posts = registry.Server.Requests.Count(r => r.Method == "POST");

        Assert.Equal((0, 0), await PushAsync(registry, blob));
        Assert.Equal(posts, registry.Server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_chunk_whose_range_the_registry_does_not_confirm_stops_the_push_in_one_line_and_nothing_is_tagged()
    {
        await using var registry = await InMemoryRegistry.StartAsync(context =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Request.Method == "PATCH")
                {
                    context.Response.Headers["Range"] = "0-0"; // it claims one byte after a whole chunk
                }

                return Task.CompletedTask;
            });
            return Task.FromResult(false);
        });

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PushAsync(registry, Blob(RandomNumberGenerator.GetBytes(Chunk + 1))));

        Assert.Contains($"a chunk 0-{Chunk - 1} of {Chunk + 1} bytes got 202 with Range '0-0'; expected 202 with Range 0-{Chunk - 1} and a Location", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was tagged: push again to finish (blobs already there are not sent twice)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        Assert.Empty(registry.Tags);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_manifest_the_registry_stores_under_another_digest_is_refused()
    {
        const string Other = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
        await using var registry = await InMemoryRegistry.StartAsync(context =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Request.Path.Value!.Contains("/manifests/", StringComparison.Ordinal))
                {
                    context.Response.Headers["Docker-Content-Digest"] = Other;
                }

                return Task.CompletedTask;
            });
            return Task.FromResult(false);
        });

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PushAsync(registry, Blob([1, 2, 3])));

        Assert.Contains("the registry stored manifests/sha256:", error.Message, StringComparison.Ordinal);
        Assert.Contains($" as {Other}, expected sha256:", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_blob_a_base_repository_holds_is_mounted_with_both_scopes_and_not_uploaded()
    {
        var blob = Blob(RandomNumberGenerator.GetBytes(100));
        await using var registry = await InMemoryRegistry.StartAsync(context =>
        {
            var mount = context.Request.Method == "POST" && context.Request.QueryString.Value!.Contains("mount=", StringComparison.Ordinal);
            if (mount)
            {
                context.Response.StatusCode = 201;
            }

            return Task.FromResult(mount);
        });

        var (uploaded, mounted) = await PushAsync(registry, blob, new Dictionary<string, string> { [blob.Digest] = "library/base" });

        Assert.Equal((0, 1), (uploaded, mounted));
        var post = Assert.Single(registry.Server.Requests, r => r.Method == "POST");
        Assert.EndsWith($"/blobs/uploads/?mount={blob.Digest}&from=library/base", Uri.UnescapeDataString(post.PathAndQuery), StringComparison.Ordinal);
        Assert.DoesNotContain(registry.Server.Requests, r => r.Method is "PATCH" or "PUT" && r.PathAndQuery.Contains("/blobs/", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_upload_location_with_a_query_of_its_own_keeps_it_and_gets_the_digest_after_it()
    {
        await using var registry = await InMemoryRegistry.StartAsync(context =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Request.Method == "POST")
                {
                    context.Response.Headers.Location = context.Response.Headers.Location.ToString() + "?_state=abc";
                }

                return Task.CompletedTask;
            });
            return Task.FromResult(false);
        });
        var blob = Blob(RandomNumberGenerator.GetBytes(100));

        Assert.Equal((1, 0), await PushAsync(registry, blob));

        var put = Assert.Single(registry.Server.Requests, r => r.Method == "PUT" && r.PathAndQuery.Contains("/blobs/uploads/", StringComparison.Ordinal));
        Assert.EndsWith("?_state=abc&digest=" + blob.Digest, Uri.UnescapeDataString(put.PathAndQuery), StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public async Task A_registry_failing_with_503_is_asked_three_times_then_the_push_stops_in_one_line(int failures, bool pushed)
    {
        var heads = 0;
        await using var registry = await InMemoryRegistry.StartAsync(context =>
        {
            var fail = context.Request.Method == "HEAD" && Interlocked.Increment(ref heads) <= failures;
            if (fail)
            {
                context.Response.StatusCode = 503;
                context.Response.Headers.RetryAfter = "0";
            }

            return Task.FromResult(fail);
        });
        var push = PushAsync(registry, Blob(RandomNumberGenerator.GetBytes(100)));

        if (pushed)
        {
            Assert.Equal((1, 0), await push);
        }
        else
        {
            var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => push);
            Assert.Contains("the registry answered 503 3 times in a row; nothing was tagged", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(Math.Min(failures, 3) + (pushed ? 1 : 0), heads);
    }
}

using System.Collections.Concurrent;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>
/// How blobs reach a real registry (distribution, behind a recording pass-through proxy): large ones in ordered
/// chunks the registry confirms, and a base's layers mounted from the base's repository instead of sent again.
/// </summary>
public sealed class AssembledImageUploadSpecs : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly ConcurrentQueue<(string Method, string Path, string? Range, int Status)> seen = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task A_blob_larger_than_the_chunk_size_goes_up_in_ordered_chunks_and_the_served_image_verifies()
    {
        await Requires.EngineAsync();
        using var registry = await PrivateRegistry.StartAsync();
        await using var proxy = await ProxyAsync(registry.Host);
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        await dir.WriteRandomAsync("payload", 1); // 1 MiB, incompressible: a layer of more than 16 chunks of 64 KiB

        var pushed = await ImageAssemblyTasks.AssembleAsync(
            Settings(source, $"{proxy.HostPort}/team/chunked:1").AddFile(dir.Combine("payload"), "/data/payload").SetChunkSize(64 << 10), TestContext.Current.CancellationToken);

        var patches = seen.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(6, pushed.UploadedBlobs);
        Assert.True(patches.Count >= 3 * 16, $"expected at least 48 chunks, got {patches.Count}");
        Assert.All(patches, p => Assert.Equal(202, p.Status));
        Assert.Equal("0-65535", patches[0].Range);
        Assert.Equal("65536-131071", patches[1].Range);
        Assert.Contains(seen, r => r.Method == "PUT" && r.Path.Contains("/blobs/uploads/", StringComparison.Ordinal) && r.Status == 201);
        Assert.Equal(System.Net.HttpStatusCode.OK, await registry.ManifestStatusAsync("team/chunked", "1"));
    }

    [Fact]
    public async Task A_base_from_the_same_registry_has_its_layers_mounted_not_uploaded()
    {
        await Requires.EngineAsync();
        using var registry = await PrivateRegistry.StartAsync();
        await using var proxy = await ProxyAsync(registry.Host);
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        dir.Write("motd", "base layer\n");
        await ImageAssemblyTasks.AssembleAsync(
            Settings(source, $"{proxy.HostPort}/team/base:1").EnableBaseOnly().AddFile(dir.Combine("motd"), "/etc/motd"), TestContext.Current.CancellationToken);
        seen.Clear();

        var app = await ImageAssemblyTasks.AssembleAsync(Settings(source, $"{proxy.HostPort}/team/app:1").SetBase($"{proxy.HostPort}/team/base:1"), TestContext.Current.CancellationToken);

        Assert.Equal(1, app.MountedBlobs); // the base's one layer, the same bytes for every platform
        Assert.Equal(6, app.UploadedBlobs); // our three configs and three binary layers
        Assert.Contains(seen, r => r.Method == "POST" && r.Path.Contains("mount=sha256", StringComparison.Ordinal) && r.Path.Contains("from=team%2Fbase", StringComparison.Ordinal) && r.Status == 201);
        Assert.Equal(System.Net.HttpStatusCode.OK, await registry.ManifestStatusAsync("team/app", "1"));
    }

    private static ImageAssemblySettings Settings(string source, string reference) => new ImageAssemblySettings().SetSourceDirectory(source)
        .SetBinaries(AssemblyInputs.Pattern).SetEpoch(0).EnablePush(reference).SetPlatforms([.. AssemblyInputs.Platforms.Select(p => p.ToString())]);

    // Forwards every request to the registry as it came (Accept, Authorization, body, Content-Range, Content-Type) and records what it answered.
    private async Task<LoopbackServer> ProxyAsync(string registry)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        return await LoopbackServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), $"http://{registry}{context.Request.Path}{context.Request.QueryString}");
            foreach (var header in context.Request.Headers.Where(h => h.Key is "Accept" or "Authorization"))
            {
                forward.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }

            forward.Headers.Host = context.Request.Host.Value; // the registry writes upload locations for the proxy's address
            if (body.Length > 0 || context.Request.Method is "PUT" or "PATCH" or "POST")
            {
                forward.Content = new ByteArrayContent(body.ToArray());
                foreach (var name in new[] { "Content-Type", "Content-Range" })
                {
                    if (context.Request.Headers.TryGetValue(name, out var value))
                    {
                        forward.Content.Headers.TryAddWithoutValidation(name, value.ToString());
                    }
                }
            }

            using var answer = await http.SendAsync(forward);
            seen.Enqueue((context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.Headers["Content-Range"].FirstOrDefault(), (int)answer.StatusCode));
            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var header in answer.Headers.Concat(answer.Content.Headers).Where(h => h.Key is not ("Transfer-Encoding" or "Content-Length")))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            if (context.Request.Method != "HEAD")
            {
                await answer.Content.CopyToAsync(context.Response.Body);
            }
            else if (answer.Content.Headers.ContentLength is { } length)
            {
                context.Response.ContentLength = length;
            }
        });
    }
}

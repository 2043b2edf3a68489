using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>
/// Pushing an assembled image (base-only, no Go needed) to an in-memory registry on loopback that misbehaves: an
/// expired token or a redirect on the closing PUT of a chunked upload, upload locations it may not send the client to,
/// 429 answers, a dropped connection, and blobs it claims but cannot serve.
/// </summary>
public sealed class RegistryPushAttackSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public RegistryPushAttackSpecs() => File.WriteAllBytes(dir.Combine("payload"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(64 << 10));

    public void Dispose() => dir.Dispose();

    private ImageAssemblySettings Settings(InMemoryRegistry registry) => new ImageAssemblySettings().SetSourceDirectory(dir.Path).EnableBaseOnly()
        .AddFile(dir.Combine("payload"), "/data/payload").SetEpoch(0).SetPlatforms("linux/amd64").EnablePush($"{registry.HostPort}/team/app:1").SetChunkSize(16 << 10);

    private Task<ImageAssembly> PushAsync(InMemoryRegistry registry) => ImageAssemblyTasks.AssembleAsync(Settings(registry), TestContext.Current.CancellationToken);

    [Theory(Timeout = 60_000)]
    [InlineData("bearer")]
    [InlineData("redirect")]
    public async Task A_closing_put_answered_with_a_challenge_or_a_redirect_is_sent_again_and_the_image_is_pushed(string mode)
    {
        var closing = 0;
        await using var registry = await InMemoryRegistry.StartAsync(async context =>
        {
            if (context.Request.Path == "/token")
            {
                await context.Response.WriteAsJsonAsync(new { token = "T0K" });
                return true;
            }

            if (!InMemoryRegistry.IsClosingPut(context))
            {
                return false;
            }

            Interlocked.Increment(ref closing);
            if (mode == "bearer" && context.Request.Headers.Authorization != "Bearer T0K")
            {
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{context.Request.Host}/token\",service=\"fake\"";
                context.Response.StatusCode = 401; // the token expired during the chunks
                return true;
            }

            if (mode == "redirect" && !context.Request.QueryString.Value!.Contains("r=1", StringComparison.Ordinal))
            {
                context.Response.Headers.Location = context.Request.Path + context.Request.QueryString + "&r=1";
                context.Response.StatusCode = 307;
                return true;
            }

            return false;
        });

        await PushAsync(registry);

        Assert.Equal(["1"], registry.Tags);
        Assert.Equal(2, closing); // the layer's closing PUT, twice; config and manifest go up whole
        Assert.Contains(registry.Server.Requests, r => r.Method == "PATCH");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("POST", "http://[::ffff:127.0.0.1]:9/up", "refusing an upload location to the internal address [::ffff:127.0.0.1]")]
    [InlineData("PATCH", "http://[::ffff:127.0.0.1]:9/up", "refusing an upload location to the internal address [::ffff:127.0.0.1]")]
    [InlineData("POST", "http://localhost:9/up", "refusing an upload location to the internal address localhost")]
    [InlineData("PATCH", "http://metadata.google.internal/up", "refusing an upload location to the internal address metadata.google.internal")]
    [InlineData("POST", "file:///etc/passwd", "refusing an upload location from http://127.0.0.1:")]
    [InlineData("PATCH", "ftp://127.0.0.1/up", "refusing an upload location from http://127.0.0.1:")]
    public async Task An_upload_location_the_registry_may_not_send_the_client_to_is_one_line_and_nothing_is_tagged(string answering, string location, string expected)
    {
        await using var registry = await InMemoryRegistry.StartAsync(async context =>
        {
            if (context.Request.Method != answering || !context.Request.Path.Value!.Contains("/blobs/uploads/", StringComparison.Ordinal))
            {
                return false;
            }

            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.Headers.Location = location;
            context.Response.Headers["Range"] = $"0-{(answering == "PATCH" ? (16 << 10) - 1 : 0)}";
            context.Response.StatusCode = 202;
            return true;
        });

        var error = await Assert.ThrowsAsync<RegistryException>(() => PushAsync(registry));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was tagged: push again to finish (blobs already there are not sent twice)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(registry.Tags);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_429_with_retry_after_is_asked_again_after_the_wait()
    {
        var clock = Stopwatch.StartNew();
        var heads = new List<TimeSpan>();
        await using var registry = await InMemoryRegistry.StartAsync(context =>
        {
            if (context.Request.Method != "HEAD" || heads.Count > 1)
            {
                return Task.FromResult(false);
            }

            heads.Add(clock.Elapsed);
            if (heads.Count > 1)
            {
                return Task.FromResult(false);
            }

            context.Response.Headers.RetryAfter = "1";
            context.Response.StatusCode = 429;
            return Task.FromResult(true);
        });

        await PushAsync(registry);

        Assert.Equal(["1"], registry.Tags);
        Assert.True(heads[1] - heads[0] >= TimeSpan.FromSeconds(0.9), $"asked again after {heads[1] - heads[0]}, expected the 1 s of Retry-After");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_connection_the_registry_drops_is_reported_with_its_cause()
    {
        await using var registry = await InMemoryRegistry.StartAsync(context =>
        {
            if (context.Request.Method != "POST")
            {
                return Task.FromResult(false);
            }

            context.Abort();
            return Task.FromResult(true);
        });

        var error = await Assert.ThrowsAsync<RegistryException>(() => PushAsync(registry));

        Assert.Matches(@"cannot reach http://127\.0\.0\.1:\d+ \(An error occurred while sending the request: [^)]+\); nothing was tagged", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_image_whose_blobs_the_registry_claims_but_cannot_serve_is_never_tagged()
    {
        await using var registry = await InMemoryRegistry.StartAsync(context =>
        {
            if (context.Request.Method != "HEAD" || !context.Request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }

            context.Response.ContentLength = 1; // "already here": nothing is uploaded
            return Task.FromResult(true);
        });

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PushAsync(registry));

        Assert.Contains("nothing was tagged", error.Message, StringComparison.Ordinal);
        Assert.Empty(registry.Tags);
        Assert.DoesNotContain(registry.Server.Requests, r => r.Method == "PUT" && r.PathAndQuery.EndsWith("/manifests/1", StringComparison.Ordinal));
    }
}

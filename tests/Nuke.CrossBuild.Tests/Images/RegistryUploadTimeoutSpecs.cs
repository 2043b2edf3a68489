using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// The idle timeout of a registry request measures idleness: a body the registry reads slowly but steadily goes up
/// however long it takes, and one it stops reading fails after the idle time with one line. The loopback buffers are
/// kept small (Kestrel reads 64 KiB ahead, the client socket buffers 32 KiB) so that the registry's pace is the client's.
/// </summary>
[Collection(SerialTiming.Name)]
public sealed class RegistryUploadTimeoutSpecs
{
    private const int Body = 3 << 20;
    private static readonly ImageReadLimits OneSecond = new() { IdleTimeout = TimeSpan.FromSeconds(1) };

    private static SocketsHttpHandler SmallBuffers() => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendBufferSize = 32 << 10 };
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    private static async Task<HttpStatusCode> UploadAsync(LoopbackServer registry, int size = Body)
    {
        using var handler = SmallBuffers();
        using var client = new RegistryClient(ImageReference.Parse($"{registry.HostPort}/team/app:1"), null, false, OneSecond, handler);
        using var response = await client.SendAsync(
            u => new HttpRequestMessage(HttpMethod.Put, u) { Content = new ByteArrayContent(new byte[size]) }, "blobs/uploads/x?digest=sha256:0", "repository:team/app:pull,push", null, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    // Reads the body at about 1 MiB/s (a pause after each read, as long as its bytes take at that rate): 3 s for the whole body.
    private static async Task<long> ReadSlowlyAsync(HttpContext context, long upTo)
    {
        var buffer = new byte[64 << 10];
        long total = 0;
        while (total < upTo)
        {
            var read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted);
            if (read == 0)
            {
                break;
            }

            total += read;
            await Task.Delay(TimeSpan.FromSeconds(read / (double)(1 << 20)), context.RequestAborted);
        }

        return total;
    }

    [Fact(Timeout = 30_000)]
    public async Task A_slow_but_steady_upload_longer_than_the_idle_timeout_goes_up()
    {
        long received = 0;
        await using var registry = await LoopbackServer.StartAsync(
            async context =>
            {
                received = await ReadSlowlyAsync(context, long.MaxValue);
                context.Response.StatusCode = 201;
            },
            smallBuffers: true);
        var clock = Stopwatch.StartNew();

        var status = await UploadAsync(registry);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(Body, received);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.5), $"the upload took {clock.Elapsed}; expected a slow one, longer than the 1 s idle timeout");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_upload_the_registry_stops_reading_fails_after_the_idle_timeout_in_one_line()
    {
        // Kestrel reads up to 1 MiB ahead and the kernel buffers a few more: 24 MiB fill them and then stall. Under the
        // parallel run the server side was seen to reset such a connection before the 1 s timer (well under 1 s, not
        // our cancellation): that environment fault is tried again, up to three times, and the idle message asserted.
        for (var attempt = 1; ; attempt++)
        {
            await using var registry = await LoopbackServer.StartAsync(context => Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default));

            var error = await Assert.ThrowsAsync<RegistryException>(() => UploadAsync(registry, 24 << 20));

            if (attempt < 3 && error.Message.Contains("Connection reset by peer", StringComparison.Ordinal))
            {
                continue;
            }

            var expected = $"{registry.HostPort}/team/app:1: the upload to {registry.Address.GetLeftPart(UriPartial.Authority)} made no progress for 1 s; the server stopped reading (idle timeout)";
            Assert.True(expected == error.Message, $"expected '{expected}', got '{error.Message}' ({error.InnerException})");
            return;
        }
    }
}

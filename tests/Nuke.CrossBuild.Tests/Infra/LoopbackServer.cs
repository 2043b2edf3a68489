using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>A real HTTP server on 127.0.0.1 (Kestrel, a free port) answering with a handler, recording every request.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app) => this.app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Gets the server's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Gets <c>127.0.0.1:port</c>, as an image reference's registry.</summary>
    public string HostPort => $"{Address.Host}:{Address.Port}";

    /// <summary>Starts the server.</summary>
    /// <param name="handler">Answers each request.</param>
    /// <param name="smallBuffers">
    /// Whether Kestrel reads only 64 KiB of a request body ahead of the handler (default 1 MiB) and the kernel buffers
    /// only 32 KiB per connection: a handler that reads slowly then slows the client down at once.
    /// </param>
    public static async Task<LoopbackServer> StartAsync(RequestDelegate handler, bool smallBuffers = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (smallBuffers)
        {
            builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBufferSize = 64 << 10);
            builder.WebHost.UseSockets(o => o.CreateBoundListenSocket = endpoint =>
            {
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.ReceiveBufferSize = 32 << 10; // before listen(): accepted connections inherit it
                return socket;
            });
        }

        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(async context =>
        {
            server.Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString()));
            await handler(context);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(limit.Token);
        await app.DisposeAsync();
    }

    internal sealed record RecordedRequest(string Method, string PathAndQuery, string Authorization);
}

using Docker.DotNet;
using Docker.DotNet.Models;
using Version = System.Version;

namespace Nuke.CrossBuild.Engine;

/// <summary>
/// The Docker Engine API through Docker.DotNet (the maintained Docker.DotNet.Enhanced fork): discovery
/// (<c>DOCKER_HOST</c>, else the unix socket), the API version agreed with the engine, the containerd image store,
/// loading OCI archives, image inspect/tag/remove, and container runs with a platform, a time limit and removal on every
/// exit path. buildx stays a CLI (the Engine API has no BuildKit session), as in NUKE's DockerTasks.
/// </summary>
public sealed partial class DockerEngine : IDisposable
{
    /// <summary>The newest Engine API version this client's models describe (Docker.DotNet.Enhanced 4.3 follows Docker 29).</summary>
    public static readonly Version ClientApiVersion = new(1, 52);

    private static readonly string[] Sockets = ["/var/run/docker.sock", "/run/docker.sock"];
    private readonly DockerClient client;

    private DockerEngine(DockerClient client, Uri endpoint, VersionResponse version, bool containerdStore, Version api)
    {
        (this.client, Endpoint, EngineVersion, ContainerdImageStore, ApiVersion) = (client, endpoint, version.Version, containerdStore, api);
    }

    /// <summary>Gets where the engine answers, e.g. <c>unix:///var/run/docker.sock</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the engine's version, e.g. <c>26.1.5</c>.</summary>
    public string EngineVersion { get; }

    /// <summary>Gets the API version used: the lower of the engine's and <see cref="ClientApiVersion"/>.</summary>
    public Version ApiVersion { get; }

    /// <summary>Gets whether the engine stores images in containerd (needed for multi-platform images and OCI archives).</summary>
    public bool ContainerdImageStore { get; }

    /// <summary>Finds and connects to the engine: the given host, else <c>DOCKER_HOST</c>, else the unix socket.</summary>
    /// <param name="host">An endpoint such as <c>unix:///var/run/docker.sock</c> or <c>tcp://127.0.0.1:2375</c>, or null.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="EngineUnavailableException">No engine answers (one line: where, why, what to do).</exception>
    public static async Task<DockerEngine> ConnectAsync(string? host = null, CancellationToken cancellationToken = default)
    {
        var endpoint = Discover(host);
        using var probe = Client(endpoint, null);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            var version = await probe.System.GetVersionAsync(limit.Token).ConfigureAwait(false);
            var api = Version.TryParse(version.APIVersion, out var server) && server < ClientApiVersion ? server : ClientApiVersion;
            var agreed = Client(endpoint, api);
            try
            {
                var info = await agreed.System.GetSystemInfoAsync(limit.Token).ConfigureAwait(false);
                var containerd = info.DriverStatus?.Any(pair => pair.Any(v => v.Contains("io.containerd.snapshotter", StringComparison.Ordinal))) == true;
                return new DockerEngine(agreed, endpoint, version, containerd, api);
            }
            catch
            {
                agreed.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or System.Net.Sockets.SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = e is OperationCanceledException ? "no answer within 15 s" : Reason(e);
            throw new EngineUnavailableException($"no Docker engine answers at {endpoint} ({why}); start it (eng/services.sh start) or set DOCKER_HOST");
        }
    }

    /// <summary>Releases the connection.</summary>
    public void Dispose() => client.Dispose();

    internal static Uri Discover(string? host)
    {
        var text = host ?? Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Uri("unix://" + (Sockets.FirstOrDefault(File.Exists) ?? Sockets[0]));
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "tcp" or "http" or "https"
            ? uri
            : throw new InputException($"DOCKER_HOST '{text}' is not an endpoint crossbuild can use: expected unix:///path/to/docker.sock or tcp://host:port");
    }

    private static DockerClient Client(Uri endpoint, Version? api)
    {
        var builder = new DockerClientBuilder().WithEndpoint(endpoint.Scheme == "tcp" ? new Uri($"http://{endpoint.Authority}") : endpoint);
        return (api is null ? builder : builder.WithApiVersion(api)).Build();
    }

    private static string Reason(Exception e)
    {
        if (e is DockerApiException { ResponseBody: { Length: > 0 } body })
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                {
                    return text.Split('\n')[0].TrimEnd('.');
                }
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }

        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message.Split('\n')[0].TrimEnd('.');
    }

}

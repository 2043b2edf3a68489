using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>A registry of its own (Debian's docker-registry on a free loopback port, storage in a temp directory) that a test may kill and restart.</summary>
internal sealed class PrivateRegistry : IDisposable
{
    private readonly TempDirectory dir = new();
    private Process? process;

    private PrivateRegistry(int port) => Port = port;

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public string Storage => dir.Combine("data");

    public static async Task<PrivateRegistry> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var registry = new PrivateRegistry(port);
        registry.dir.Write("config.yml", $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {registry.Storage}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n");
        await registry.RestartAsync();
        return registry;
    }

    public async Task RestartAsync()
    {
        process = Process.Start(new ProcessStartInfo("/usr/bin/docker-registry", ["serve", dir.Combine("config.yml")]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"http://{Host}/v2/"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the private registry on {Host} did not start");
    }

    /// <summary>Kills the registry at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        process?.Kill();
        process?.WaitForExit();
    }

    public async Task<HttpStatusCode> ManifestStatusAsync(string repository, string reference)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{Host}/v2/{repository}/manifests/{reference}"));
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.index.v1+json");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
        dir.Dispose();
    }
}

using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>Preconditions of integration tests: skipped with a reason on a laptop without the engine, failed under CI=true.</summary>
internal static class Requires
{
    private static readonly Lazy<Task<string?>> EngineProblem = new(ProbeEngineAsync);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The docker client the library uses (<see cref="Nuke.CrossBuild.Buildx.DockerCli.Path"/>).</summary>
    public static string Docker => Nuke.CrossBuild.Buildx.DockerCli.Path;

    public static string Registry => Environment.GetEnvironmentVariable("CROSSBUILD_REGISTRY") ?? "127.0.0.1:5000";

    public static string Go => Environment.GetEnvironmentVariable("CROSSBUILD_GO") ?? (File.Exists("/usr/lib/go-1.23/bin/go") ? "/usr/lib/go-1.23/bin/go" : "go");

    public static async Task EngineAsync()
    {
        if (await EngineProblem.Value is { } problem)
        {
            Unavailable(problem);
        }
    }

    public static async Task GoAsync()
    {
        var result = await Tool.RunAsync(Go, ["version"]);
        if (!result.Succeeded)
        {
            Unavailable($"Go is not installed ({Go} version failed: {result.StdErr.Trim()}); run eng/provision-debian.sh");
        }
    }

    public static async Task ToolAsync(string tool, string why)
    {
        var result = await Tool.RunAsync("sh", ["-c", $"command -v {tool}"]);
        if (!result.Succeeded)
        {
            Unavailable($"{tool} is not installed ({why}); run eng/provision-debian.sh");
        }
    }

    public static async Task BaseImagesAsync()
    {
        await EngineAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{Registry}/v2/crossbuild/golang/manifests/1.23"));
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.index.v1+json");
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            Unavailable($"the local base images are not in {Registry} (crossbuild/golang:1.23 answered {(int)response.StatusCode}); run eng/base-images.sh");
        }
    }

    /// <summary>The platform's QEMU is registered with binfmt_misc (eng/services.sh start registers them).</summary>
    public static Task EmulatorAsync(string platform)
    {
        var qemu = Nuke.CrossBuild.Platforms.Platform.Parse(platform).Info.Qemu;
        if (qemu is null || !Directory.EnumerateFiles("/proc/sys/fs/binfmt_misc").Any(f => Path.GetFileName(f).StartsWith(qemu, StringComparison.Ordinal)))
        {
            Unavailable($"no binfmt_misc entry for {qemu ?? platform}; run eng/services.sh start as root");
        }

        return Task.CompletedTask;
    }

    /// <summary>A C compiler for Native AOT links (clang from eng/provision-debian.sh).</summary>
    public static Task AotLinkerAsync() => ToolAsync("clang", "Native AOT links with clang");

    public static void BinfmtWritable()
    {
        if (!File.Exists("/proc/sys/fs/binfmt_misc/register") || Environment.UserName != "root")
        {
            Unavailable("binfmt_misc is not mounted or this is not root; run eng/services.sh start as root");
        }
    }

    public static void Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail($"CI=true, so this test may not skip: {reason}");
        }

        Assert.Skip(reason);
    }

    private static async Task<string?> ProbeEngineAsync()
    {
        var version = await Tool.RunAsync(Docker, ["version", "--format", "{{.Server.Version}}"]);
        if (!version.Succeeded)
        {
            return $"no Docker engine answers ({version.StdErr.Trim().Split('\n')[0]}); run eng/provision-debian.sh and eng/services.sh start";
        }

        var buildx = await Tool.RunAsync(Docker, ["buildx", "version"]);
        if (!buildx.Succeeded)
        {
            return "docker buildx is not installed; run eng/provision-debian.sh";
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://{Registry}/v2/"));
            return response.IsSuccessStatusCode ? null : $"the registry at {Registry} answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return $"no registry at {Registry} ({e.Message}); run eng/services.sh start";
        }
    }
}

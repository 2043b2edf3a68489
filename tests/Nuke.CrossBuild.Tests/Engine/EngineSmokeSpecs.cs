using System.Net.Http.Headers;
using System.Text.Json;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>Proves the provisioned engine: buildx multi-platform build, push to the local registry, index read back, each platform run under QEMU.</summary>
public sealed class EngineSmokeSpecs
{
    [Fact(Timeout = 600_000)]
    public async Task A_three_platform_scratch_image_is_pushed_with_three_platforms_and_each_runs_as_its_own_platform()
    {
        // Arrange
        await Requires.EngineAsync();
        await Requires.GoAsync();
        using var context = new TempDirectory();
        Platform[] platforms = [Platform.LinuxAmd64, Platform.LinuxArm64, Platform.LinuxArmV7];
        foreach (var platform in platforms)
        {
            await GoBuilder.BuildAsync("hello", platform, context.Combine("bin", platform.Architecture + platform.Variant, "hello"));
        }

        context.Write("Dockerfile", """
            FROM scratch
            ARG TARGETARCH TARGETVARIANT
            COPY bin/${TARGETARCH}${TARGETVARIANT}/hello /hello
            ENTRYPOINT ["/hello"]
            """);
        var image = $"{Requires.Registry}/crossbuild-smoke:{Guid.NewGuid():n}";

        // Act
        await ImageContext.BuildxAsync(["--platform", string.Join(",", platforms.Select(p => p.ToString())), "--provenance=false", "--tag", image, "--push", context.Path]);

        // Assert
        Assert.Equal(platforms.Select(p => p.ToString()).Order(), (await ReadIndexPlatformsAsync(image)).Order());
        foreach (var platform in platforms)
        {
            var run = await Tool.RunAsync(Requires.Docker, ["run", "--rm", "--pull", "always", "--platform", platform.ToString(), image], cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(run.Succeeded, run.StdErr);
            Assert.Equal($"hello from {platform}", run.StdOut.Trim());
        }
    }

    private static async Task<List<string>> ReadIndexPlatformsAsync(string image)
    {
        var (repository, tag) = (image[(image.IndexOf('/', StringComparison.Ordinal) + 1)..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{Requires.Registry}/v2/{repository}/manifests/{tag}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.index.v1+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.list.v2+json"));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var index = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. index.RootElement.GetProperty("manifests").EnumerateArray().Select(m =>
        {
            var p = m.GetProperty("platform");
            var variant = p.TryGetProperty("variant", out var v) ? "/" + v.GetString() : string.Empty;
            return $"{p.GetProperty("os").GetString()}/{p.GetProperty("architecture").GetString()}{variant}";
        })];
    }
}

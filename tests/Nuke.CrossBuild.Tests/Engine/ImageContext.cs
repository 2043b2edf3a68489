using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Engine;

/// <summary>A build context with Go binaries per platform under bin/&lt;arch&gt;&lt;variant&gt;/, built into images with the real buildx.</summary>
internal sealed class ImageContext : IDisposable
{
    private readonly TempDirectory dir = new();

    public string Path => dir.Path;

    public string Combine(params string[] parts) => dir.Combine(parts);

    public static async Task<ImageContext> CreateAsync(string asset, IEnumerable<Platform> platforms, bool cgo = false)
    {
        var context = new ImageContext();
        foreach (var platform in platforms)
        {
            var env = cgo ? new Dictionary<string, string?> { ["CC"] = $"{platform.Info.GnuTriple}-gcc" } : null;
            await GoBuilder.BuildAsync(asset, platform, context.Combine("bin", platform.Architecture + platform.Variant, "hello"), cgo, extraEnv: env);
        }

        return context;
    }

    public void Dockerfile(string text) => dir.Write("Dockerfile", text);

    public async Task BuildAsync(IEnumerable<Platform> platforms, params string[] output)
    {
        await BuildxAsync(["--platform", string.Join(",", platforms), .. output, Path]);
    }

    /// <summary>Runs docker buildx build, retrying the registry's passing 500s on concurrent manifest pushes.</summary>
    public static async Task BuildxAsync(IReadOnlyList<string> arguments)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await Tool.RunAsync(Requires.Docker, ["buildx", "build", .. arguments], cancellationToken: TestContext.Current.CancellationToken);
            if (result.Succeeded || attempt == 3 || !Nuke.CrossBuild.Buildx.DockerCli.IsTransientRegistryError(result.StdErr))
            {
                Assert.True(result.Succeeded, result.StdErr);
                return;
            }
        }
    }

    public static string NewImage(string name) => $"{Requires.Registry}/crossbuild-{name}:{Guid.NewGuid():n}";

    public void Dispose() => dir.Dispose();
}

using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>Builds the test assets' Go programs with the real Go toolchain, one binary per platform.</summary>
internal static class GoBuilder
{
    public static string AssetDirectory(string name) => Path.Combine(AppContext.BaseDirectory, "Assets", name);

    public static async Task<string> BuildAsync(string asset, Platform platform, string output, bool cgo = false, IEnumerable<string>? extraArgs = null, IReadOnlyDictionary<string, string?>? extraEnv = null)
    {
        var env = platform.Info.Go.ToVariables().ToDictionary(v => v.Key, v => (string?)v.Value);
        env["CGO_ENABLED"] = cgo ? "1" : "0";
        env["GOTOOLCHAIN"] = "local";
        env["GOFLAGS"] = "-buildvcs=false";
        foreach (var (key, value) in extraEnv ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        var result = await Tool.RunAsync(Requires.Go, ["build", "-trimpath", .. extraArgs ?? [], "-o", output, "."], env, AssetDirectory(asset));
        Assert.True(result.Succeeded, $"go build for {platform} failed: {result.StdErr}");
        return output;
    }
}

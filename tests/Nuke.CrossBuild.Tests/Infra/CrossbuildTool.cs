using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>
/// The Native AOT crossbuild executables, published once per test run: linux-x64 for Dockerfiles that mount it from the
/// <c>crossbuild</c> build context, linux-arm64 cross-published the way the Executables target does.
/// </summary>
internal static class CrossbuildTool
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string> Published = [];

    /// <summary>Gets the directory holding the linux-x64 executable.</summary>
    public static Task<string> DirectoryAsync() => DirectoryAsync("linux-x64");

    /// <summary>Gets the directory holding the executable for a runtime identifier.</summary>
    public static async Task<string> DirectoryAsync(string rid)
    {
        await Gate.WaitAsync();
        try
        {
            if (Published.TryGetValue(rid, out var directory))
            {
                return directory;
            }

            var repo = RepoPaths.Root;
            var output = Path.Combine(repo, "artifacts", "tools", rid);
            // Its own bin/obj tree, as build.cake's: the RID-specific restore never touches src/*/obj, which other tests build from.
            var result = await Tool.RunAsync("dotnet", ["publish", Path.Combine(repo, "src", "Nuke.CrossBuild.Cli"), "-c", "Release", "-r", rid, "-p:PublishAot=true", "-p:TreatWarningsAsErrors=true", $"-p:ArtifactsPath={Path.Combine(repo, "artifacts", "aot-build")}", "-o", output, "-v", "q", "-nologo"]);
            Assert.True(result.Succeeded, $"Native AOT publish of crossbuild for {rid} failed: " + result.StdOut + result.StdErr);
            return Published[rid] = output;
        }
        finally
        {
            Gate.Release();
        }
    }
}

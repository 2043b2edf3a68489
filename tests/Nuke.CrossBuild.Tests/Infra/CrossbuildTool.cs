using Nuke.CrossBuild.Internal;

namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>A self-contained single-file crossbuild for linux-x64, published once per test run, for Dockerfiles that mount it from the <c>crossbuild</c> build context.</summary>
internal static class CrossbuildTool
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? directory;

    public static async Task<string> DirectoryAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (directory is not null)
            {
                return directory;
            }

            var repo = RepoPaths.Root;
            var output = Path.Combine(repo, "artifacts", "tools", "linux-x64");
            var result = await Tool.RunAsync("dotnet", ["publish", Path.Combine(repo, "src", "Nuke.CrossBuild.Cli"), "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true", "-o", output, "-v", "q", "-nologo"]);
            Assert.True(result.Succeeded, "dotnet publish of the crossbuild tool failed: " + result.StdOut + result.StdErr);
            return directory = output;
        }
        finally
        {
            Gate.Release();
        }
    }
}

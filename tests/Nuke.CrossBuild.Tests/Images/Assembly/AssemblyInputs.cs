using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>Real static Go binaries (the hello asset) laid out as <c>crossbuild go build</c> writes them; built once per run, copied per test.</summary>
internal static class AssemblyInputs
{
    public static readonly Platform[] Platforms = [Platform.LinuxAmd64, Platform.LinuxArm64, Platform.LinuxArmV7];

    public const string Pattern = "bin/{os}_{arch}[_{variant}]/{name}";

    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    /// <summary>Copies the binaries into <paramref name="directory"/>/bin/… and returns the directory.</summary>
    public static async Task<string> CopyToAsync(string directory)
    {
        await Requires.GoAsync();
        var source = await Built.Value;
        foreach (var platform in Platforms)
        {
            var target = Path.Combine(directory, OutputPattern.Expand(Pattern, platform, "hello"));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(OutputPattern.Expand(Path.Combine(source, Pattern), platform, "hello"), target, overwrite: true);
        }

        return directory;
    }

    private static async Task<string> BuildAsync()
    {
        var root = Directory.CreateTempSubdirectory("crossbuild-tests-assembly-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
        foreach (var platform in Platforms)
        {
            await GoBuilder.BuildAsync("hello", platform, OutputPattern.Expand(Path.Combine(root, Pattern), platform, "hello"));
        }

        return root;
    }
}

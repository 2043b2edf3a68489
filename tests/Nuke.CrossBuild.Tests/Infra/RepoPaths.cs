namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>
/// Paths in the repository the tests run from. The root is the nearest directory above the test output holding
/// <see cref="Marker"/>, whatever the output layout (<c>bin/Debug/net10.0/</c> with the stand-ins, <c>bin/Debug/</c> with
/// the real Nuke.Common, an artifacts tree).
/// </summary>
internal static class RepoPaths
{
    /// <summary>The file that marks the repository root.</summary>
    public const string Marker = "CrossBuild.sln";

    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>The build configuration these tests run in (Debug, Release), for the solution's other outputs.</summary>
    public static string Configuration { get; } = FindConfiguration(AppContext.BaseDirectory);

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    /// <summary>The CLI as built in its own project (with its own deps.json: the test output shares ASP.NET Core's assemblies, the CLI must not).</summary>
    public static string CliDll { get; } = Path.Combine(Root, "src", "Nuke.CrossBuild.Cli", "bin", Configuration, "net10.0", "crossbuild.dll");

    /// <summary>The nearest directory at or above <paramref name="start"/> that holds <see cref="Marker"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">No directory up to the file-system root holds the marker.</exception>
    public static string FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Marker)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"expected {Marker} in '{start}' or a directory above it, got none");
    }

    /// <summary>
    /// The configuration directory of an output path: the name after the nearest <c>bin</c> (<c>bin/Release/net10.0/</c>
    /// and <c>bin/Release/</c> both give Release); Debug when the path has no <c>bin</c> directory.
    /// </summary>
    public static string FindConfiguration(string outputDirectory)
    {
        var parts = outputDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Debug";
    }
}

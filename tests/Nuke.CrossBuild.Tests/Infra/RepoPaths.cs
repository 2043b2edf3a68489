namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>Paths in the repository the tests run from (tests/Nuke.CrossBuild.Tests/bin/&lt;configuration&gt;/net10.0/).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    /// <summary>The build configuration these tests run in (Debug, Release), for the solution's other outputs.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    /// <summary>The CLI as built in its own project (with its own deps.json: the test output shares ASP.NET Core's assemblies, the CLI must not).</summary>
    public static string CliDll { get; } = Path.Combine(Root, "src", "Nuke.CrossBuild.Cli", "bin", Configuration, "net10.0", "crossbuild.dll");
}

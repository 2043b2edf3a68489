using System.Text.RegularExpressions;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Packages;

/// <summary>The packages as packed: consumed from a local folder feed by a fresh project, as a .NET tool, and as a Cake add-in.</summary>
public sealed partial class PackageSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    // The version the packages are packed as: the library's own, so a version bump needs no edit here.
    private static readonly string Version = typeof(Nuke.CrossBuild.Platforms.Platform).Assembly.GetName().Version!.ToString(3);

    public void Dispose() => dir.Dispose();

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Ansi();

    // Consumers get their own package cache and Cake tools folder, so a version packed by an earlier run is never reused.
    private async Task<ToolResult> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null, bool isolated = true)
    {
        var env = new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["DOTNET_NOLOGO"] = "1", ["CAKE_PATHS_TOOLS"] = dir.Combine("cake-tools") };
        if (isolated)
        {
            env["NUGET_PACKAGES"] = dir.Combine("nuget-cache");
        }

        var result = await Tool.RunAsync(file, args, env, workingDirectory ?? dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        return result with { StdOut = Ansi().Replace(result.StdOut, string.Empty) };
    }

    private async Task<string> PackAsync()
    {
        var feed = dir.Combine("feed");
        // Pack what the solution build already produced (the configuration these tests run in): rebuilding here would
        // rewrite assemblies that other tests, running in parallel, are loading.
        var pack = await RunAsync("dotnet", ["pack", Path.Combine(RepoPaths.Root, "CrossBuild.sln"), "-c", RepoPaths.Configuration, "--no-build", "-o", feed, "-v", "q", "-nologo"], RepoPaths.Root, isolated: false);
        Assert.True(pack.Succeeded, pack.StdOut + pack.StdErr);
        Assert.Equal([$"Nuke.CrossBuild.{Version}.nupkg", $"Nuke.CrossBuild.Cake.{Version}.nupkg", $"Nuke.CrossBuild.Components.{Version}.nupkg", $"Nuke.CrossBuild.Tool.{Version}.nupkg"], Directory.GetFiles(feed).Select(Path.GetFileName).Order());
        dir.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        return feed;
    }

    [Fact(Timeout = 600_000)]
    public async Task The_packages_work_as_a_library_a_dotnet_tool_and_a_cake_addin()
    {
        var feed = await PackAsync();

        // A fresh project referencing the library package.
        dir.Write("app/app.csproj", $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Nuke.CrossBuild" Version="{{Version}}" /></ItemGroup>
            </Project>
            """);
        dir.Write("app/Program.cs", """
            using Nuke.CrossBuild.Platforms;
            var go = Platform.Parse("armel").Info.Go.ToVariables();
            Console.WriteLine(string.Join(" ", go.Select(v => $"{v.Key}={v.Value}")));
            """);
        var app = await RunAsync("dotnet", ["run", "--project", dir.Combine("app")]);

        // The crossbuild tool.
        var install = await RunAsync("dotnet", ["tool", "install", "Nuke.CrossBuild.Tool", "--version", Version, "--tool-path", dir.Combine("tools"), "--add-source", feed]);
        var tool = await RunAsync(dir.Combine("tools", "crossbuild"), ["platform", "aarch64", "--json"]);

        // The Cake add-in, loaded with its dependency from the feed.
        var script = dir.Write("addin.cake", $"#addin nuget:{feed}?package=Nuke.CrossBuild.Cake&version={Version}&loaddependencies=true\nInformation($\"deb={{CrossBuildPlatform(\"armhf\").DebianArch}}\");\n");
        var cake = await RunAsync("dotnet", ["cake", script], RepoPaths.Root, isolated: false);

        Assert.True(app.Succeeded, app.StdOut + app.StdErr);
        Assert.Equal("GOOS=linux GOARCH=arm GOARM=6", app.StdOut.Trim());
        Assert.True(install.Succeeded, install.StdOut + install.StdErr);
        Assert.Contains("\"platform\": \"linux/arm64\"", tool.StdOut, StringComparison.Ordinal);
        Assert.True(cake.Succeeded, cake.StdOut + cake.StdErr);
        Assert.Contains("deb=armhf", cake.StdOut, StringComparison.Ordinal);
    }

    [Fact(Timeout = 600_000)]
    public async Task The_components_package_works_in_a_fresh_build_project_without_shipping_nuke_types()
    {
        var feed = await PackAsync();
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"Nuke.CrossBuild.Components.{Version}.nupkg"));
        var files = package.Entries.Select(e => e.FullName).ToList();
        using var nuspec = new StreamReader(package.GetEntry("Nuke.CrossBuild.Components.nuspec")!.Open());
        var dependencies = System.Xml.Linq.XDocument.Parse(await nuspec.ReadToEndAsync(TestContext.Current.CancellationToken))
            .Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();

        // A build project as NUKE users write one: a class composing the components. The NUKE types come from the
        // contract assemblies (the feed has no Nuke.Common), referenced by file like a build would get them from Nuke.Common.
        var contracts = string.Concat(new[] { "Nuke.Build", "Nuke.Tooling", "Nuke.Utilities" }.Select(name =>
            $"<Reference Include=\"{name}\"><HintPath>{Path.Combine(RepoPaths.Root, "contracts", "nuke", name, "bin", RepoPaths.Configuration, "net10.0", name + ".dll")}</HintPath></Reference>"));
        dir.Write("build/build.csproj", $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Nuke.CrossBuild.Components" Version="{{Version}}" />{{contracts}}</ItemGroup>
            </Project>
            """);
        dir.Write("build/Build.cs", """
            using System.Linq.Expressions;
            using Nuke.Common;
            using Nuke.Common.IO;
            using Nuke.CrossBuild.Components;

            IPublishImages build = new Build();
            Console.WriteLine($"{build.ImageRepository}: {string.Join(",", build.PlannedPlatforms)}; emulators: {build.EmulatorsNeeded.Count}");

            class Build : IPublishImages, IVerifyBinaries
            {
                public AbsolutePath RootDirectory => AbsolutePath.Create("/src/shop-api");
                public bool IsLocalBuild => true;
                public bool IsServerBuild => false;
                public T TryGetValue<T>(Expression<Func<T>> parameterExpression) where T : class => default!;
                public T TryGetValue<T>(Expression<Func<object>> parameterExpression) => default!;
            """ + RestOfINukeBuild + """
            }
            """);
        var run = await RunAsync("dotnet", ["run", "--project", dir.Combine("build")]);

        Assert.Equal(["Nuke.CrossBuild"], dependencies);
        Assert.Contains("lib/net10.0/Nuke.CrossBuild.Components.dll", files);
        Assert.Contains("lib/net10.0/Nuke.CrossBuild.Components.xml", files);
        Assert.DoesNotContain(files, f => f.Contains("Nuke.Build", StringComparison.Ordinal) || f.Contains("Nuke.Tooling", StringComparison.Ordinal));
        Assert.True(run.Succeeded, run.StdOut + run.StdErr);
        Assert.Equal("shop-api: linux/amd64,linux/arm64,linux/arm/v7; emulators: 0", run.StdOut.Trim());
    }

    [Fact(Timeout = 600_000)]
    public async Task A_build_project_on_an_older_nuke_gets_one_error_naming_the_version_it_needs()
    {
        var feed = await PackAsync();
        // Nuke.Build as NUKE 10.0 would ship it: a copy of the contract assemblies built with assembly version 10.0.0.0
        // (a copy, so the repository's own contract builds are not touched while other tests load them).
        var old = dir.Combine("nuke-10.0");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "contracts", "nuke"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            dir.Write(Path.Combine("nuke-src", "nuke", Path.GetRelativePath(Path.Combine(RepoPaths.Root, "contracts", "nuke"), file)), await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        }

        dir.Write("nuke-src/Directory.Build.props", "<Project><PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><AssemblyVersion>10.0.0.0</AssemblyVersion><Version>10.0.0</Version></PropertyGroup></Project>");
        var contracts = await RunAsync("dotnet", ["build", dir.Combine("nuke-src/nuke/Nuke.Build"), "-c", "Release", "-o", old, "-v", "q", "-nologo"]);
        Assert.True(contracts.Succeeded, contracts.StdOut + contracts.StdErr);
        var references = string.Concat(new[] { "Nuke.Build", "Nuke.Tooling", "Nuke.Utilities" }.Select(name => $"<Reference Include=\"{name}\"><HintPath>{Path.Combine(old, name + ".dll")}</HintPath></Reference>"));
        dir.Write("old/build.csproj", $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Nuke.CrossBuild.Components" Version="{{Version}}" />{{references}}</ItemGroup>
            </Project>
            """);
        dir.Write("old/Build.cs", "Console.WriteLine(typeof(Nuke.CrossBuild.Components.IHazPlatforms));");

        var build = await RunAsync("dotnet", ["build", dir.Combine("old"), "-v", "q", "-nologo"]);

        Assert.False(build.Succeeded);
        Assert.Contains("Nuke.CrossBuild.Components needs Nuke.Build 10.1.0.0 or later, this project references 10.0.0.0: update the Nuke.Common package to 10.1.0 or later (10.x).", build.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("FileNotFoundException", build.StdOut + build.StdErr, StringComparison.Ordinal);
        _ = feed;
    }

    // INukeBuild's members besides the five above, as a build that has not started answers them (NukeBuild is not in the contract).
    private const string RestOfINukeBuild = """
                public IReadOnlyCollection<Nuke.Common.Execution.ExecutableTarget> ExecutionPlan => [];
                public IReadOnlyCollection<Nuke.Common.Execution.ExecutableTarget> InvokedTargets => [];
                public IReadOnlyCollection<Nuke.Common.Execution.ExecutableTarget> SkippedTargets => [];
                public IReadOnlyCollection<Nuke.Common.Execution.ExecutableTarget> ScheduledTargets => [];
                public IReadOnlyCollection<Nuke.Common.Execution.ExecutableTarget> RunningTargets => [];
                public IReadOnlyCollection<Nuke.Common.Execution.ExecutableTarget> AbortedTargets => [];
                public IReadOnlyCollection<Nuke.Common.Execution.ExecutableTarget> FailedTargets => [];
                public IReadOnlyCollection<Nuke.Common.Execution.ExecutableTarget> SucceededTargets => [];
                public IReadOnlyCollection<Nuke.Common.Execution.ExecutableTarget> FinishedTargets => [];
                public bool IsSucceeding => true;
                public bool IsFailing => false;
                public bool IsFinished => false;
                public int? ExitCode { get; set; }
                public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";
                public AbsolutePath BuildAssemblyFile => AbsolutePath.Create(typeof(Build).Assembly.Location);
                public AbsolutePath BuildAssemblyDirectory => AbsolutePath.Create(AppContext.BaseDirectory);
                public AbsolutePath BuildProjectDirectory => null!;
                public AbsolutePath BuildProjectFile => null!;
                public Verbosity Verbosity => Verbosity.Normal;
                public Host Host => null!;
                public bool Plan => false;
                public bool Help => false;
                public bool NoLogo => true;
                public bool Continue => false;
                public Nuke.Common.CI.Partition Partition => Nuke.Common.CI.Partition.Single;
                public void ReportSummary(Nuke.Common.Tooling.Configure<Dictionary<string, string>> configurator = null!) { }
    """;
}

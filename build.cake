// The repository's own build. Run through ./build.sh <Target> (or build.ps1).
using System.Xml.Linq;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var artifacts = MakeAbsolute(Directory("./artifacts"));
var testResults = artifacts.Combine("test-results");

Task("Clean")
    .Description("Deletes artifacts/ and the build outputs.")
    .Does(() =>
{
    CleanDirectory(artifacts);
    DotNetClean("CrossBuild.sln", new DotNetCleanSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Quiet });
});

Task("Compile")
    .Description("Builds the solution (warnings are errors).")
    .Does(() =>
{
    DotNetBuild("CrossBuild.sln", new DotNetBuildSettings { Configuration = configuration });
});

Task("Test")
    .Description("Runs every test; the engine tests need eng/services.sh start (under CI=true they never skip).")
    .IsDependentOn("Compile")
    .Does(() =>
{
    CleanDirectory(testResults);
    try
    {
        DotNetTest("CrossBuild.sln", new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            Loggers = { "trx;LogFileName=tests.trx", "console;verbosity=normal" },
            ResultsDirectory = testResults,
        });
    }
    finally
    {
        foreach (var trx in GetFiles(testResults.FullPath + "/**/*.trx"))
        {
            var counters = XDocument.Load(trx.FullPath).Descendants().First(e => e.Name.LocalName == "Counters");
            int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
            var skipped = Count("notExecuted");
            Console.WriteLine($"Tests: {Count("passed")} passed, {Count("failed") + Count("error") + Count("timeout") + Count("aborted")} failed, {skipped} skipped");
        }
    }
});

Task("Matrix")
    .Description("Prints the platform facts and the build plan of the 'all' preset on this machine with the crossbuild CLI.")
    .IsDependentOn("Compile")
    .Does(() =>
{
    var cli = $"./src/Nuke.CrossBuild.Cli/bin/{configuration}/net10.0/crossbuild.dll";
    DotNetExecute(cli, new ProcessArgumentBuilder().Append("platform").Append("common"));
    DotNetExecute(cli, new ProcessArgumentBuilder().Append("matrix").Append("all"));
});

Task("Default").IsDependentOn("Test");

RunTarget(target);

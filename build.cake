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

var startedEngine = false;

Task("Engine")
    .Description("Provisions and starts the engine the samples need (Docker + buildx, QEMU, registry) and builds the local base images; stops it again after the run if it started it.")
    .Does(() =>
{
    Bash("eng/provision-debian.sh");
    startedEngine = StartProcess("bash", new ProcessSettings { Arguments = "eng/services.sh status", RedirectStandardOutput = true }, out var status) == 0
        && !status.Any(l => l.StartsWith("dockerd: running"));
    Bash("eng/services.sh start");
    Bash("eng/base-images.sh");
});

// The five article samples: folder, Dockerfile, platforms, runtime base (null: scratch), static, cgo.
var samples = new (string Name, string File, string Platforms, string Runtime, bool Static, bool Cgo)[]
{
    ("01-cross-compile", "Dockerfile", "linux/amd64,linux/arm64,linux/arm/v7,linux/s390x", "static:12", true, false),
    ("02-armv6-armv7", "Dockerfile", "linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6", "musl:1.2", true, false),
    ("03-scratch-six-platforms", "Dockerfile", "linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6,linux/ppc64le,linux/s390x", null, true, false),
    ("04-cgo-static", "Dockerfile", "linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6,linux/riscv64", null, true, true),
    ("05-cgo-decision", "Dockerfile.static", "linux/amd64,linux/arm64,linux/arm/v7", "static:12", true, false),
    ("05-cgo-decision", "Dockerfile.glibc", "linux/amd64,linux/arm64,linux/arm/v7", "glibc:12", false, true),
    ("05-cgo-decision", "Dockerfile.musl", "linux/amd64,linux/arm64,linux/arm/v7", "musl:1.2", false, true),
};

Task("Samples")
    .Description("Builds the five article samples through crossbuild's image pipeline: verified, pushed to the local registry, written as OCI layouts under artifacts/oci/, each platform run once.")
    .IsDependentOn("Compile")
    .IsDependentOn("Engine")
    .Does(() =>
{
    var registry = EnvironmentVariable("CROSSBUILD_REGISTRY") ?? "127.0.0.1:5000";
    var tools = artifacts.Combine("tools/linux-x64");
    DotNetPublish("src/Nuke.CrossBuild.Cli", new DotNetPublishSettings { Configuration = "Release", Runtime = "linux-x64", SelfContained = true, PublishSingleFile = true, OutputDirectory = tools });
    var cli = $"./src/Nuke.CrossBuild.Cli/bin/{configuration}/net10.0/crossbuild.dll";
    var failed = new List<string>();
    foreach (var sample in samples)
    {
        var id = sample.Name + (sample.File == "Dockerfile" ? "" : "-" + sample.File.Split('.')[1]);
        var args = new ProcessArgumentBuilder().Append("image build").AppendQuoted($"samples/{sample.Name}")
            .Append("-f").AppendQuoted($"samples/{sample.Name}/{sample.File}").Append("--platforms").Append(sample.Platforms)
            .Append("-t").Append($"{registry}/samples/{id}:latest").Append("--push").Append("--oci").AppendQuoted(artifacts.Combine($"oci/{id}").FullPath)
            .Append("--smoke").Append("--pull").Append("--build-arg").Append($"GO_IMAGE={registry}/crossbuild/golang:1.23");
        args = sample.Runtime is null ? args : args.Append("--build-arg").Append($"RUNTIME_IMAGE={registry}/crossbuild/{sample.Runtime}");
        args = sample.Static ? args.Append("--static") : args;
        args = sample.Cgo ? args.Append("--build-context").Append($"crossbuild={tools.FullPath}") : args;
        Information($"== {id} ({sample.Platforms})");
        if (StartProcess("dotnet", new ProcessSettings { Arguments = args.Prepend(cli).Prepend("exec") }) != 0)
        {
            failed.Add(id);
        }
    }

    if (failed.Count > 0)
    {
        throw new Exception($"samples failed: {string.Join(", ", failed)}");
    }
});

Teardown(context =>
{
    if (startedEngine)
    {
        Bash("eng/services.sh stop");
    }
});

void Bash(string script)
{
    if (StartProcess("bash", new ProcessSettings { Arguments = script }) != 0)
    {
        throw new Exception($"bash {script} failed");
    }
}

Task("Default").IsDependentOn("Test");

RunTarget(target);

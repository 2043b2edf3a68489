// The repository's own build. Run through ./build.sh <Target> (or build.ps1), which builds the add-in first.
#r "./src/Nuke.CrossBuild.Cake/bin/Release/net10.0/Nuke.CrossBuild.Cake.dll"
using System.Xml.Linq;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Tar;
using Nuke.CrossBuild.Toolchains;
using Nuke.CrossBuild.Toolchains.Go;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var artifacts = MakeAbsolute(Directory("./artifacts"));
var testResults = artifacts.Combine("test-results");
// Publish --daemonless: Go matrix on the host + crossbuild image assemble, no engine; --daemonless=both: also buildx.
var daemonless = HasArgument("daemonless") ? Argument("daemonless", "true") : null;
var buildx = daemonless is null || daemonless == "both";
// Publish --image-by-image: the engine path builds one image after another (one buildx build each) instead of one bake.
var imageByImage = HasArgument("image-by-image");
// Publish --registry host:port --sign-key k.pem: every pushed image is signed after what the registry serves verified (cosign's .sig and .att).
var signKey = HasArgument("sign-key") ? MakeAbsolute(File(Argument<string>("sign-key"))).FullPath : null;
if (signKey is not null)
{
    // Before any task runs: a key without a push, or one that cannot sign, fails with one line and nothing built.
    _ = HasArgument("registry") ? 0 : throw new Exception("--sign-key signs what is pushed: expected --registry host:port, got no registry");
    Nuke.CrossBuild.Publish.ImageSigningTasks.CheckKey(signKey);
}
if (daemonless is not null && daemonless is not ("true" or "both"))
{
    throw new Exception($"invalid --daemonless '{daemonless}': expected no value (daemonless only) or both (buildx and daemonless side by side)");
}

Task("Clean")
    .Description("Deletes artifacts/ and the build outputs.")
    .Does(() =>
{
    CleanDirectory(artifacts);
    DotNetClean("CrossBuild.sln", new DotNetCleanSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Quiet });
});

// Skipped when no input changed since the last successful build of this configuration and its outputs are as that build
// left them (eng/build-stamp.sh: the content of every source file, the SDK's version, every bin/<configuration> file's
// size and time); --always-build (or CROSSBUILD_ALWAYS_BUILD=1) builds anyway.
Task("Compile")
    .Description("Builds the solution (warnings are errors); skipped when no input changed since its last successful build (--always-build: build anyway).")
    .Does(() =>
{
    var stamp = artifacts.CombineWithFilePath($".stamps/compile-{configuration}").FullPath;
    string Outputs() => string.Join(" ", new[] { "src", "tests", "contracts", "build" }.SelectMany(r => GetDirectories($"./{r}/**/bin/{configuration}")).Select(d => d.FullPath).OrderBy(d => d, StringComparer.Ordinal));
    if (!HasArgument("always-build") && EnvironmentVariable("CROSSBUILD_ALWAYS_BUILD") is null && StartProcess("eng/build-stamp.sh", $"check {stamp} {Outputs()}") == 0)
    {
        Information($"Compile: no input changed since the last successful build ({stamp}); not built again");
        return;
    }

    Bash($"eng/build-stamp.sh begin {stamp}");
    DotNetBuild("CrossBuild.sln", new DotNetBuildSettings { Configuration = configuration });
    Bash($"eng/build-stamp.sh commit {stamp} {Outputs()}");
});

// Whitespace against .editorconfig in folder mode (every .cs file, no project load: ~15 s on 2 cores where the
// solution-wide `dotnet format` takes ~2 min). Style rules at warning severity need no second pass: Compile enforces
// them (EnforceCodeStyleInBuild with warnings as errors).
Task("Format")
    .Description("Checks that dotnet format would change no C# file (whitespace and layout from .editorconfig); code style is checked by Compile.")
    .Does(() =>
{
    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = "format whitespace --folder --verify-no-changes --exclude artifacts",
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    }, out var output, out var errors);
    var findings = output.Concat(errors).Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
    foreach (var finding in findings.Take(10))
    {
        // "/abs/path/File.cs(58,7): error WHITESPACE: … [/abs/path/]" -> "path/File.cs(58,7): error WHITESPACE: …"
        Error(System.Text.RegularExpressions.Regex.Replace(finding, @"\s*\[[^\]]*\]$", "").Replace(MakeAbsolute(Directory(".")).FullPath + "/", "", StringComparison.Ordinal));
    }

    if (exit != 0)
    {
        var files = findings.Select(f => f.Split('(')[0]).Distinct().Count();
        throw new Exception($"formatting: expected no change from dotnet format, got {findings.Count} in {files} file(s): run `dotnet format whitespace --folder --exclude artifacts` and commit the result");
    }
});

Task("Test")
    .Description("Runs every test: provisions and starts what the engine tests need first (as Engine does) and stops what it started afterwards; under CI=true no test may skip.")
    .IsDependentOn("Format")
    .IsDependentOn("Compile")
    .IsDependentOn("Engine")
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
            var document = XDocument.Load(trx.FullPath);
            var counters = document.Descendants().First(e => e.Name.LocalName == "Counters");
            int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
            // The failures again at the very end, one line each: a CI log that keeps only its tail still names them.
            foreach (var failed in document.Descendants().Where(e => e.Name.LocalName == "UnitTestResult" && e.Attribute("outcome")?.Value is "Failed" or "Error" or "Timeout"))
            {
                var message = failed.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? string.Empty;
                var first = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "(no message)";
                Console.WriteLine($"FAILED {failed.Attribute("testName")?.Value}: {(first.Length > 300 ? first[..300] + "…" : first)}");
            }

            // xunit v3's trx leaves skipped tests out of "executed" without counting them as notExecuted.
            var skipped = Math.Max(Count("notExecuted"), Count("total") - Count("executed"));
            Console.WriteLine($"Tests: {Count("passed")} passed, {Count("failed") + Count("error") + Count("timeout") + Count("aborted")} failed, {skipped} skipped");
        }
    }
});

Task("Executables")
    .Description("Publishes the crossbuild executable Native AOT for linux-x64 and linux-arm64 (trim and AOT warnings are errors) into artifacts/tools/<rid>/, its symbols into artifacts/symbols/<rid>/; verifies each with crossbuild's own verifier and runs it as its platform's weakest CPU.")
    .Does(() =>
{
    foreach (var rid in new[] { "linux-x64", "linux-arm64" })
    {
        PublishExecutable(rid);
    }
});

Task("Pack")
    .Description("Packs Nuke.CrossBuild (library), Nuke.CrossBuild.Tool (the crossbuild .NET tool), Nuke.CrossBuild.Cake (the Cake add-in) and Nuke.CrossBuild.Components (NUKE components) into artifacts/packages, after the Native AOT executables (Executables).")
    .IsDependentOn("Executables")
    .Does(() =>
{
    CleanDirectory(artifacts.Combine("packages"));
    DotNetPack("CrossBuild.sln", new DotNetPackSettings { Configuration = configuration, OutputDirectory = artifacts.Combine("packages") });
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

// What this run started (eng/services.sh start --record): Teardown stops exactly that, whatever else runs.
var engineRecord = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"crossbuild-engine-{System.Environment.ProcessId}");

Task("Engine")
    .Description("Provisions and starts the engine the samples need (Docker + buildx, QEMU, registry) and builds the local base images; stops afterwards exactly what it started. Skipped by Publish --daemonless.")
    .WithCriteria(() => buildx || target != "Publish")
    .Does(() =>
{
    Bash("eng/provision-debian.sh");
    Bash($"eng/services.sh start --record {engineRecord}");
    Bash("eng/base-images.sh");
});

Task("Toolchains")
    .Description("Publish --daemonless only: provisions Go, the C cross compilers, musl and QEMU user emulation without any engine, and writes the runtime bases' root file system tarballs from Debian packages into artifacts/rootfs/ (eng/base-images.sh --rootfs).")
    .WithCriteria(() => daemonless is not null)
    .Does(() =>
{
    Bash("eng/provision-debian.sh --no-engine");
    Bash($"eng/base-images.sh --rootfs {artifacts.Combine("rootfs").FullPath}");
});

Task("FreshRoot")
    .Description("On demand, not in Test: eng/fresh-root.sh makes a fresh bookworm root (mmdebstrap minbase) and runs the provisioning inside it for real, daemonless first and then the engine, timing each from zero. Test only solves the same install against an empty dpkg status (Eng/ProvisionSolveSpecs).")
    .Does(() =>
{
    Bash("eng/fresh-root.sh --both");
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

Task("Publish")
    .Description("The samples' pipeline end to end through crossbuild (plan, builder, emulators if needed, all seven images in ONE buildx bake — --image-by-image: one buildx build after another —, verify each, publish, one run per platform): by default OCI layouts in artifacts/oci/ and images loaded into the local engine; --registry host:port pushes there instead (--sign-key k.pem: and signs every pushed image after it verified). --daemonless: no engine at all (Go matrix on the host, smoke runs from the binaries, images assembled on bases made from Debian packages into artifacts/oci-daemonless/); --daemonless=both: both paths side by side. Ends with a per-platform table, artifacts/publish-summary.md and artifacts/publish-timings.svg.")
    .IsDependentOn("Compile")
    .IsDependentOn("Engine")
    .IsDependentOn("Toolchains")
    .Does(() =>
{
    var registry = Argument<string>("registry", null);
    var rows = new List<PublishRow>();
    var failed = new List<string>();
    if (buildx)
    {
        PublishBuildx(registry, rows, failed);
    }

    if (daemonless is not null)
    {
        PublishDaemonless(registry, daemonless == "both" ? " (daemonless)" : "", rows, failed);
    }

    var how = (buildx ? (registry is null ? "OCI layouts + local engine" : "pushed to " + registry) : "")
        + (daemonless is null ? "" : (buildx ? "; " : "") + "daemonless: " + (registry is null ? "OCI layouts" : "pushed to " + registry));
    Information(Environment.NewLine + CrossBuildPublishReport($"Publish: {samples.Length} sample images ({how})", rows, artifacts.FullPath));
    Information($"Wrote {artifacts.CombineWithFilePath("publish-summary.md")} and {artifacts.CombineWithFilePath("publish-timings.svg")}");
    if (failed.Count > 0)
    {
        throw new Exception($"samples failed: {string.Join(", ", failed)}");
    }
});

#load "build/publish-buildx.cake"
#load "build/publish-daemonless.cake"

Teardown(context =>
{
    if (System.IO.File.Exists(engineRecord))
    {
        Bash($"eng/services.sh stop --recorded {engineRecord}");
    }
});

// Native AOT: one file with no runtime to install, for the Actions step, the cgo samples' build context and releases.
DirectoryPath PublishExecutable(string rid)
{
    var output = artifacts.Combine($"tools/{rid}");
    var symbols = artifacts.Combine($"symbols/{rid}");
    CleanDirectory(output);
    CleanDirectory(symbols);
    DotNetPublish("src/Nuke.CrossBuild.Cli", new DotNetPublishSettings
    {
        Configuration = "Release", Runtime = rid, OutputDirectory = output,
        // Its own bin/obj tree (artifacts/aot-build): a RID-specific restore in src/*/obj would make the next plain build
        // restore and recompile again, and that build make this publish start over (each run paid both, ~1 minute).
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("PublishAot", "true").WithProperty("TreatWarningsAsErrors", "true")
            .WithProperty("ArtifactsPath", artifacts.Combine("aot-build").FullPath),
    });
    foreach (var extra in GetFiles(output.FullPath + "/*").Where(f => f.GetFilename().FullPath != "crossbuild"))
    {
        MoveFile(extra, symbols.CombineWithFilePath(extra.GetFilename()));
    }

    var executable = output.CombineWithFilePath("crossbuild").FullPath;
    var platform = rid == "linux-x64" ? "linux/amd64" : "linux/arm64";
    CrossBuildEnsureVerified(new[] { executable }, platform);
    CrossBuildRun(executable, platform, "verify", "--platform", platform, executable); // it reads its own ELF, under QEMU for arm64
    return output;
}

void Bash(string script)
{
    if (StartProcess("bash", new ProcessSettings { Arguments = script }) != 0)
    {
        throw new Exception($"bash {script} failed");
    }
}

#load "build/mutate.cake"

Task("Default").IsDependentOn("Test");

RunTarget(target);

using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild dockerfile generate|doctor</c>.</summary>
internal static class DockerfileCommand
{
    private const string DoctorHelp = "Report what makes a multi-platform Go Dockerfile wrong or slow, with line numbers, the causing value and the fix. "
        + "The file is parsed as BuildKit parses it (here-documents, # escape=, continuations); only the stages the built target reaches count. "
        + "For every go build/go install (also in shell here-documents, and in scripts and Makefiles it can read from the build context) it works out GOOS/GOARCH/GOARM/CGO_ENABLED/CC "
        + "and whether the binary reaches the image. error = proven wrong binary, wrong userland or broken build for a requested platform; warning = slow, fragile or possibly wrong; "
        + "info = what it cannot see (make, a script, ONBUILD, goreleaser). Exit 1 when any finding is an error, 2 when the file is not a Dockerfile.";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Command DoctorCommand()
    {
        var file = new Argument<string>("dockerfile") { Description = "The Dockerfile to examine." };
        var json = new Option<bool>("--json") { Description = "Print {\"file\": ..., \"findings\": [...]} as JSON." };
        var platforms = PlatformsOption.ForConsumer("The platforms it will be built for (narrows platform-specific findings: a GOARCH fixed to the only target is fine, missing-goarm needs arm/v6 or arm/v5)", "any platform");
        var target = new Option<string?>("--target") { Description = "The stage that is built (docker build --target); default: the last stage." };
        var context = new Option<string?>("--context") { Description = "The build context, where scripts and Makefiles a RUN calls are read; default: the Dockerfile's directory." };
        var doctor = new Command("doctor", DoctorHelp) { file, json, platforms, target, context };
        doctor.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"no such Dockerfile: {path}");
            }

            var settings = new DockerfileDoctorSettings()
                .SetPlatforms(result.GetValue(platforms) is { } specs ? PlatformSelection.Of([specs]).Expand() : null)
                .SetTarget(result.GetValue(target))
                .SetContext(result.GetValue(context) ?? Path.GetDirectoryName(Path.GetFullPath(path)));
            IReadOnlyList<DockerfileFinding> findings;
            try
            {
                findings = DockerfileDoctor.Examine(File.ReadAllText(path), settings);
            }
            catch (DockerfileFormatException e)
            {
                throw new UsageException($"{path}: {e.Message}");
            }

            Print(result.InvocationConfiguration.Output, path, findings, result.GetValue(json));
            return findings.Any(f => f.Severity == "error") ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return doctor;
    }

    private static void Print(TextWriter output, string path, IReadOnlyList<DockerfileFinding> findings, bool json)
    {
        if (json)
        {
            var array = new JsonArray([.. findings.Select(f => (JsonNode?)new JsonObject
            {
                ["line"] = f.Line, ["rule"] = f.Rule, ["severity"] = f.Severity, ["message"] = f.Message, ["fix"] = f.Fix,
            })]);
            output.WriteLine(new JsonObject { ["file"] = path, ["findings"] = array }.ToJsonString(Json));
            return;
        }

        foreach (var finding in findings)
        {
            output.WriteLine($"{path}:{finding}");
        }

        var count = (string severity) => findings.Count(f => f.Severity == severity);
        output.WriteLine(findings.Count == 0 ? $"{path}: no findings" : $"{path}: {count("error")} error(s), {count("warning")} warning(s), {count("info")} info");
    }

    public static Command Create()
    {
        var cgo = new Option<bool>("--cgo") { Description = "cgo on: the target's C toolchain in the build stage (from the crossbuild build context), verified inside the build." };
        var isStatic = new Option<bool?>("--static") { Description = "Link statically (default: static exactly when cgo is off)." };
        var libc = LibcOption.Create("gnu or musl (for cgo).");
        var runtime = new Option<string>("--runtime") { DefaultValueFactory = _ => "auto", Description = "auto (from the CGO decision), scratch, static, glibc or musl." };
        var goImage = new Option<string?>("--go-image") { Description = "The Go builder image (default golang:1.23-bookworm)." };
        var package = new Option<string>("--package") { DefaultValueFactory = _ => ".", Description = "The package to build." };
        var name = new Option<string>("--name") { DefaultValueFactory = _ => "app", Description = "The binary's name in the image." };
        var ldflags = new Option<string>("--ldflags") { DefaultValueFactory = _ => "-s -w", Description = "Linker flags." };
        var verify = new Option<bool>("--verify") { Description = "Verify the binary inside the build with crossbuild (from the crossbuild build context)." };
        var generate = new Command("generate", "Print a Dockerfile for a Go program that cross-compiles on $BUILDPLATFORM for every target platform.")
        {
            cgo, isStatic, libc, runtime, goImage, package, name, ldflags, verify,
        };
        generate.SetAction(result =>
        {
            var options = new GoDockerfileOptions
            {
                Cgo = result.GetValue(cgo),
                Static = result.GetValue(isStatic),
                Libc = LibcOption.Parse(result.GetValue(libc)),
                Runtime = result.GetValue(runtime) switch
                {
                    "auto" => RuntimeKind.Auto,
                    "scratch" => RuntimeKind.Scratch,
                    "static" => RuntimeKind.Static,
                    "glibc" => RuntimeKind.Glibc,
                    "musl" => RuntimeKind.Musl,
                    var r => throw new UsageException($"invalid --runtime '{r}': expected auto, scratch, static, glibc or musl"),
                },
                BuilderImage = result.GetValue(goImage) ?? new GoDockerfileOptions().BuilderImage,
                Package = result.GetValue(package)!,
                BinaryName = result.GetValue(name)!,
                Ldflags = result.GetValue(ldflags)!,
                Verify = result.GetValue(verify),
            };
            result.InvocationConfiguration.Output.Write(DockerfileGenerator.Go(options));
            return ExitCodes.Ok;
        });

        var doctor = DoctorCommand();
        return new Command("dockerfile", "Generate and examine Dockerfiles for multi-platform Go images.") { generate, doctor };
    }
}

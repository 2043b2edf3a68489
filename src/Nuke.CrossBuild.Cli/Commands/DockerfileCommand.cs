using System.CommandLine;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Toolchains;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild dockerfile generate|doctor</c>.</summary>
internal static class DockerfileCommand
{
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
                    "auto" => RuntimeKind.Auto, "scratch" => RuntimeKind.Scratch, "static" => RuntimeKind.Static, "glibc" => RuntimeKind.Glibc, "musl" => RuntimeKind.Musl,
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

        var file = new Argument<string>("dockerfile") { Description = "The Dockerfile to examine." };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON." };
        var platforms = new Option<string?>("--platforms") { Description = "The platforms it will be built for (then a GOARCH fixed to the only target is fine); default: any." };
        var doctor = new Command("doctor", "Report what makes a multi-platform Go Dockerfile slow or wrong, with line numbers and fixes: for every go build, the GOOS/GOARCH/GOARM/CGO_ENABLED/CC it gets. Exit 1 when any finding is an error.") { file, json, platforms };
        doctor.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"no such Dockerfile: {path}");
            }

            var findings = DockerfileDoctor.Examine(File.ReadAllText(path), result.GetValue(platforms) is { } specs ? Matrix.PlatformSpecs.Expand(specs) : null);
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                output.WriteLine(new JsonArray([.. findings.Select(f => (JsonNode?)new JsonObject
                {
                    ["line"] = f.Line, ["rule"] = f.Rule, ["severity"] = f.Severity, ["message"] = f.Message, ["fix"] = f.Fix,
                })]).ToJsonString());
            }
            else
            {
                foreach (var finding in findings)
                {
                    output.WriteLine($"{path}:{finding}");
                }

                output.WriteLine(findings.Count == 0 ? $"{path}: no findings" : $"{path}: {findings.Count(f => f.Severity == "error")} error(s), {findings.Count(f => f.Severity == "warning")} warning(s)");
            }

            return findings.Any(f => f.Severity == "error") ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return new Command("dockerfile", "Generate and examine Dockerfiles for multi-platform Go images.") { generate, doctor };
    }
}

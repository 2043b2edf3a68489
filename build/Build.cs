using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;
using Nuke.CrossBuild.Assembling;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Components;
using Nuke.CrossBuild.Toolchains.Go;

/// <summary>
/// This repository's NUKE build: one sample's pipeline end to end through the CrossBuild components, as build.cake's
/// Publish runs all seven — Go matrix on the host and its verification, the daemonless image, and the buildx image
/// (builder, emulators only when needed, build, verification, push with <c>--registry</c>).
/// <code>
/// dotnet run --project build -- VerifyImages --sample 02-armv6-armv7 --platforms linux/arm/v6 linux/arm/v7
/// dotnet run --project build -- PublishImages --sample 05-cgo-decision --sample-dockerfile Dockerfile.static --registry 127.0.0.1:5000
/// </code>
/// </summary>
internal sealed class Build : NukeBuild, IPublishImages, IVerifyBinaries, IAssembleImages, IReleaseBinaries
{
    [Parameter("Sample under samples/ to build (default: 01-cross-compile)")]
    private readonly string Sample = "01-cross-compile";

    [Parameter("The sample's Dockerfile (default: Dockerfile; 05-cgo-decision has Dockerfile.static, .glibc, .musl)")]
    private readonly string SampleDockerfile = "Dockerfile";

    [Parameter("Registry holding the local base images that eng/base-images.sh builds (default: 127.0.0.1:5000)")]
    private readonly string BaseRegistry = "127.0.0.1:5000";

    /// <summary>Gets the sample's directory (the Go module and the Docker build context).</summary>
    public AbsolutePath SampleDirectory => RootDirectory / "samples" / Sample;

    string IBuildImages.Dockerfile => $"samples/{Sample}/{SampleDockerfile}";

    string IBuildImages.ImageRepository => $"samples/{Sample}" + (SampleDockerfile == "Dockerfile" ? string.Empty : "-" + SampleDockerfile.Split('.')[^1]);

    string ICrossCompileGo.GoModuleDirectory => $"samples/{Sample}";

    // The samples' Dockerfiles name Docker Hub bases; offline they come from the local registry, as in build.cake.
    Configure<BuildxBuildSettings> IBuildImages.BuildImagesSettings => _ => _
        .SetContext(SampleDirectory)
        .AddBuildArg("GO_IMAGE", $"{BaseRegistry}/crossbuild/golang:1.23")
        .AddBuildArg("RUNTIME_IMAGE", $"{BaseRegistry}/crossbuild/static:12");

    Configure<GoBuildSettings> ICrossCompileGo.CrossCompileGoSettings => _ => _
        .EnableStripSymbols()
        .SetName("app")
        .SetSmokeArguments();

    Configure<ImageAssemblySettings> IAssembleImages.AssembleImagesSettings => _ => _
        .SetName("app")
        .SetBinaryDirectory("/")
        .SetTag($"crossbuild/samples/{Sample}:latest");

    /// <summary>
    /// Prints the CrossBuild parameters' effective values and sources once, before any target, and refuses bad values
    /// (a non-boolean <c>--require-static</c>, an unknown platform, a parameter this class sets itself) in one line.
    /// </summary>
    protected override void OnBuildInitialized()
    {
        base.OnBuildInitialized();
        if (Help)
        {
            return; // NUKE prints its help after this hook: a bad value must not hide it
        }

        ParameterReport.Run(this, ParameterSources.FromProcess(RootDirectory), Console.Out);
    }

    /// <summary>Runs the build; the default target verifies the buildx image.</summary>
    /// <returns>The exit code.</returns>
    public static int Main() => Execute<Build>(x => ((IVerifyImages)x).VerifyImages);
}

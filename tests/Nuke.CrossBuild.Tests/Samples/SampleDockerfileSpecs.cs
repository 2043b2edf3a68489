using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Toolchains;

namespace Nuke.CrossBuild.Tests.Samples;

/// <summary>The samples' checked-in Dockerfiles are exactly what the generator writes, and the doctor finds them clean (all but the buggy one).</summary>
public sealed class SampleDockerfileSpecs
{
    public static TheoryData<string, GoDockerfileOptions> Generated => new()
    {
        { "01-cross-compile/Dockerfile", new GoDockerfileOptions() },
        { "02-armv6-armv7/Dockerfile", new GoDockerfileOptions { Runtime = RuntimeKind.Musl } },
        { "03-scratch-six-platforms/Dockerfile", new GoDockerfileOptions { Runtime = RuntimeKind.Scratch } },
        { "04-cgo-static/Dockerfile", new GoDockerfileOptions { Cgo = true, Static = true, Runtime = RuntimeKind.Scratch } },
        { "05-cgo-decision/Dockerfile.static", new GoDockerfileOptions() },
        { "05-cgo-decision/Dockerfile.glibc", new GoDockerfileOptions { Cgo = true, Static = false } },
        { "05-cgo-decision/Dockerfile.musl", new GoDockerfileOptions { Cgo = true, Static = false, Libc = Libc.Musl } },
    };

    private static string Read(string path) => File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", path)).ReplaceLineEndings("\n");

    [Theory]
    [MemberData(nameof(Generated))]
    public void A_samples_dockerfile_is_the_generators_output_and_clean(string path, GoDockerfileOptions options)
    {
        var text = Read(path);

        Assert.Equal(DockerfileGenerator.Go(options).ReplaceLineEndings("\n"), text);
        Assert.Empty(DockerfileDoctor.Examine(text));
    }

    [Fact]
    public void The_buggy_dockerfile_has_the_articles_bug()
    {
        var findings = DockerfileDoctor.Examine(Read("03-scratch-six-platforms/Dockerfile.buggy"));

        Assert.Contains(findings, f => f is { Rule: "goarch-from-targetplatform", Severity: "error" });
    }
}

using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Toolchains;

namespace Nuke.CrossBuild.Tests.Dockerfiles;

public sealed class DockerfileGeneratorSpecs
{
    [Fact]
    public void A_cgo_off_dockerfile_cross_compiles_with_goarm_from_targetvariant_onto_a_static_base()
    {
        var text = DockerfileGenerator.Go(new GoDockerfileOptions());

        Assert.DoesNotContain("# syntax", text, StringComparison.Ordinal);
        Assert.Contains("FROM --platform=$BUILDPLATFORM ${GO_IMAGE} AS build", text, StringComparison.Ordinal);
        Assert.Contains("arm/v5) export GOARM=5 ;; arm/v6) export GOARM=6 ;; arm/*) export GOARM=7 ;;", text, StringComparison.Ordinal);
        Assert.Contains("export CGO_ENABLED=0", text, StringComparison.Ordinal);
        Assert.Contains("ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("go mod download", StringComparison.Ordinal) < text.IndexOf("ARG TARGETPLATFORM", StringComparison.Ordinal));
        Assert.EndsWith("USER 65532:65532\nENTRYPOINT [\"/app\"]\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_go_build_cache_is_one_per_target_architecture_taken_in_turn(bool cgo)
    {
        var text = DockerfileGenerator.Go(new GoDockerfileOptions { Cgo = cgo, Static = true, Runtime = RuntimeKind.Scratch });

        // Concurrent builds of one GOARCH (a bake of several programs) wait for the standard library instead of compiling it again.
        Assert.Contains("--mount=type=cache,id=go-build-$TARGETARCH$TARGETVARIANT,sharing=locked,target=/root/.cache/go-build", text, StringComparison.Ordinal);
        Assert.DoesNotContain("--mount=type=cache,target=/root/.cache/go-build", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, Libc.Gnu, RuntimeKind.Static)]
    [InlineData(false, Libc.Gnu, RuntimeKind.Glibc)]
    [InlineData(false, Libc.Musl, RuntimeKind.Musl)]
    public void The_cgo_decision_picks_the_runtime(bool isStatic, Libc libc, RuntimeKind runtime)
    {
        Assert.Equal(runtime, new GoDockerfileOptions { Cgo = true, Static = isStatic, Libc = libc }.EffectiveRuntime);
    }

    [Fact]
    public void A_static_cgo_dockerfile_installs_the_target_toolchain_applies_the_recipe_and_verifies()
    {
        var text = DockerfileGenerator.Go(new GoDockerfileOptions { Cgo = true, Static = true, Runtime = RuntimeKind.Scratch });

        Assert.Contains("crossbuild toolchain install \"$TARGETPLATFORM\" --libc gnu", text, StringComparison.Ordinal);
        Assert.Contains("toolchain=\"$(crossbuild toolchain env \"$TARGETPLATFORM\" --cgo --libc gnu)\" && eval \"$toolchain\" &&", text, StringComparison.Ordinal);
        Assert.Contains("-tags osusergo,netgo -ldflags \"-s -w -linkmode external -extldflags -static\"", text, StringComparison.Ordinal);
        Assert.Contains("crossbuild verify --static /out/app", text, StringComparison.Ordinal);
        Assert.Contains("FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dynamic_binary_on_scratch_is_refused()
    {
        var error = Assert.Throws<InputException>(() => DockerfileGenerator.Go(new GoDockerfileOptions { Cgo = true, Static = false, Runtime = RuntimeKind.Scratch }));

        Assert.Contains("cannot run on a scratch runtime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_and_runtime_images_can_be_set()
    {
        var text = DockerfileGenerator.Go(new GoDockerfileOptions
        {
            Labels = [new("org.opencontainers.image.source", "https://example.com/app")],
            RuntimeImages = new Dictionary<RuntimeKind, string> { [RuntimeKind.Static] = "localhost/static:1" },
        });

        Assert.Contains("LABEL org.opencontainers.image.source=\"https://example.com/app\"", text, StringComparison.Ordinal);
        Assert.Contains("ARG RUNTIME_IMAGE=localhost/static:1", text, StringComparison.Ordinal);
    }
}

using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Dockerfiles;

/// <summary>What each go build sees — ENV, ARG scoping, inline assignments, export, go env -w, xx-go, crossbuild toolchain env — and what follows for the image.</summary>
public sealed class GoBuildAnalysisSpecs
{
    private static string Rules(string dockerfile, string? platforms = null)
        => string.Join(" ", DockerfileDoctor.Examine(Shipped(dockerfile), platforms is null ? null : PlatformSelection.Of([platforms]).Expand()).Select(f => $"{f.Line}:{f.Severity}:{f.Rule}"));

    private static DockerfileFinding Only(string dockerfile, string rule) => Assert.Single(DockerfileDoctor.Examine(Shipped(dockerfile)), f => f.Rule == rule);

    // The build stage's /app is what the image ships (a runtime stage after it, as in every real Dockerfile).
    private static string Shipped(string dockerfile) => dockerfile + "\nFROM debian:12-slim\nCOPY --from=build /app /app\n";

    [Fact]
    public void A_global_targetarch_is_out_of_scope_in_a_stage_that_does_not_redeclare_it()
    {
        var finding = Only("""
            ARG TARGETARCH
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            RUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /app .
            """, "arg-out-of-scope");

        Assert.Equal((3, "error"), (finding.Line, finding.Severity));
        Assert.Equal("GOARCH=$TARGETARCH, but TARGETARCH is not declared in this stage (a global ARG is not visible in a stage that does not re-declare it): it expands to nothing and Go builds for the build platform", finding.Message);
        Assert.Equal("add ARG TARGETARCH to this stage", finding.Fix);
    }

    [Fact]
    public void A_fixed_goarch_in_a_buildplatform_stage_is_an_error_unless_it_is_the_only_target()
    {
        const string dockerfile = """
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ENV CGO_ENABLED=0 GOARCH=arm64
            RUN go build -o /app .
            """;

        Assert.Equal("3:error:goarch-fixed", Rules(dockerfile));
        Assert.Equal("3:error:goarch-fixed", Rules(dockerfile, "linux/arm64,linux/amd64"));
        Assert.Equal(string.Empty, Rules(dockerfile, "linux/arm64"));
    }

    [Fact]
    public void Goarch_from_the_build_platform_is_an_error()
    {
        Assert.Equal("3:error:goarch-build-platform", Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG BUILDARCH
            RUN CGO_ENABLED=0 GOARCH=$BUILDARCH go build -o /app .
            """));
    }

    [Fact]
    public void An_arg_declared_in_the_stage_is_in_the_environment_of_run()
    {
        Assert.Equal(string.Empty, Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETOS TARGETARCH TARGETVARIANT
            ENV CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH
            RUN GOARM=${TARGETVARIANT#v} go build -o /app .
            """));
    }

    [Fact]
    public void A_shell_variable_that_is_never_exported_does_not_reach_go_build()
    {
        Assert.Equal("3:error:not-exported 3:error:host-arch-binary", Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETARCH
            RUN GOARCH=$TARGETARCH; CGO_ENABLED=0 go build -o /app .
            """));
        Assert.Equal("3:error:missing-goarm", Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETARCH
            RUN export CGO_ENABLED=0 GOARCH=$TARGETARCH && go build -o /app .
            """, "linux/amd64,linux/arm/v6"));
    }

    [Fact]
    public void Go_env_w_persists_for_later_runs_and_child_stages()
    {
        Assert.Equal(string.Empty, Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS base
            ARG TARGETARCH TARGETVARIANT
            RUN go env -w CGO_ENABLED=0 GOARCH=$TARGETARCH GOARM=${TARGETVARIANT#v}
            FROM base AS build
            RUN go build -o /app .
            """));
    }

    [Fact]
    public void Xx_go_needs_the_target_platform_in_scope()
    {
        const string withArg = """
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            COPY --from=tonistiigi/xx / /
            ARG TARGETPLATFORM
            RUN CGO_ENABLED=0 xx-go build -o /app .
            """;
        const string withoutArg = """
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            COPY --from=tonistiigi/xx / /
            RUN CGO_ENABLED=0 xx-go build -o /app .
            """;

        Assert.Equal(string.Empty, Rules(withArg));
        Assert.Equal("3:error:arg-out-of-scope", Rules(withoutArg));
    }

    [Fact]
    public void Cgo_in_a_buildplatform_stage_needs_a_target_compiler()
    {
        Assert.Equal("3:error:cgo-host-compiler", Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETOS TARGETARCH TARGETVARIANT
            RUN CGO_ENABLED=1 GOOS=$TARGETOS GOARCH=$TARGETARCH GOARM=${TARGETVARIANT#v} go build -o /app .
            """));
        Assert.Equal(string.Empty, Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETPLATFORM
            RUN eval "$(crossbuild toolchain env "$TARGETPLATFORM" --cgo)" && go build -o /app .
            """));
    }

    [Fact]
    public void What_a_sourced_script_sets_is_unknown_a_warning_not_a_guess()
    {
        var finding = Only("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETARCH
            RUN . ./build-env.sh && CGO_ENABLED=0 go build -o /app .
            """, "goarch-unknown");

        Assert.Equal("warning", finding.Severity);
        Assert.Contains("'. ./build-env.sh' (a sourced script)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_on_the_target_variant_gives_goarm_per_platform_and_a_fixed_goarm_is_caught()
    {
        Assert.Equal(string.Empty, Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETARCH TARGETVARIANT
            RUN case "$TARGETVARIANT" in v6) export GOARM=6 ;; v5) export GOARM=5 ;; *) export GOARM=7 ;; esac && \
                CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /app .
            """));
        Assert.Equal("3:error:goarm-fixed", Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETARCH
            RUN CGO_ENABLED=0 GOARCH=$TARGETARCH GOARM=7 go build -o /app .
            """, "linux/arm/v6,linux/arm/v7"));
    }

    [Fact]
    public void An_exec_form_run_and_run_flags_are_read()
    {
        Assert.Equal("3:error:host-arch-binary 3:warning:implicit-cgo", Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETARCH
            RUN ["go", "build", "-o", "/app", "."]
            """));
        Assert.Equal("3:error:host-arch-binary", Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETARCH
            RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /app .
            """));
    }
}

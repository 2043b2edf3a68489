using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Dockerfiles;

public sealed class DockerfileDoctorSpecs
{
    private static string Rules(string dockerfile, string? platforms = null)
        => string.Join(" ", DockerfileDoctor.Examine(Shipped(dockerfile), platforms is null ? null : PlatformSelection.Of([platforms]).Expand()).Select(f => $"{f.Line}:{f.Rule}"));

    // A build stage's /app is what the image ships (a runtime stage after it, as in every real Dockerfile).
    private static string Shipped(string dockerfile) => dockerfile.Contains("COPY --from=", StringComparison.Ordinal) || !dockerfile.Contains(" AS build", StringComparison.Ordinal) ? dockerfile : dockerfile + "\nFROM scratch\nCOPY --from=build /app /app\n";

    [Fact]
    public void A_generated_dockerfile_is_clean()
    {
        foreach (var options in new[]
        {
            new GoDockerfileOptions(),
            new GoDockerfileOptions { Cgo = true, Static = true, Runtime = RuntimeKind.Scratch },
            new GoDockerfileOptions { Cgo = true, Libc = Nuke.CrossBuild.Toolchains.Libc.Musl },
            new GoDockerfileOptions { Cgo = true, Static = false },
        })
        {
            Assert.Empty(DockerfileDoctor.Examine(DockerfileGenerator.Go(options)));
        }
    }

    [Fact]
    public void The_golang_edition_articles_targetplatform_surgery_is_an_error()
    {
        const string dockerfile = """
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETPLATFORM
            WORKDIR /src
            COPY . .
            RUN CGO_ENABLED=0 GOARCH="${TARGETPLATFORM#*/}" go build -ldflags="-s -w" -o /app .
            FROM scratch
            COPY --from=build /app /app
            """;

        var findings = DockerfileDoctor.Examine(dockerfile);

        Assert.Contains(findings, f => f is { Line: 5, Rule: "goarch-from-targetplatform", Severity: "error" });
        Assert.Contains("linux/arm/v7 gives 'arm/v7'", findings.First(f => f.Rule == "goarch-from-targetplatform").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compile_stage_without_buildplatform_runs_under_emulation()
    {
        Assert.Equal("1:emulated-build-stage", Rules("""
            FROM golang:1.23 AS build
            RUN CGO_ENABLED=0 go build -o /app .
            """));
    }

    [Fact]
    public void A_buildplatform_stage_that_ignores_targetarch_ships_host_binaries()
    {
        Assert.Equal("2:host-arch-binary", Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            RUN CGO_ENABLED=0 go build -o /app .
            """));
    }

    [Fact]
    public void Missing_goarm_when_arm_v6_is_built_on_a_go_before_1_21_and_implicit_cgo_are_warnings()
    {
        Assert.Equal("3:missing-goarm 3:implicit-cgo", Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.20 AS build
            ARG TARGETOS TARGETARCH
            RUN GOOS=$TARGETOS GOARCH=$TARGETARCH \
                go build -o /app .
            """, "linux/amd64,linux/arm/v6"));
    }

    [Fact]
    public void Module_download_after_the_platform_split_or_after_all_sources_busts_the_cache()
    {
        Assert.Equal("3:sources-before-download 5:download-per-platform", Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETOS TARGETARCH
            COPY . .
            # download
            RUN go mod download
            RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH GOARM=7 go build -o /app .
            """));
    }

    [Fact]
    public void A_dynamic_cgo_binary_on_scratch_or_distroless_static_is_an_error()
    {
        const string template = """
            ARG BASE=IMAGE
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETARCH
            RUN CGO_ENABLED=1 GOARCH=$TARGETARCH GOARM=7 CC=aarch64-linux-gnu-gcc go build -o /app .
            FROM ${BASE}
            COPY --from=build /app /app
            """;

        Assert.Equal("5:dynamic-binary-on-scratch", Rules(template.Replace("IMAGE", "scratch", StringComparison.Ordinal)));
        Assert.Equal("5:dynamic-binary-on-scratch", Rules(template.Replace("IMAGE", "gcr.io/distroless/static-debian12:nonroot", StringComparison.Ordinal)));
        Assert.Equal(string.Empty, Rules(template.Replace("IMAGE", "debian:12-slim", StringComparison.Ordinal)));
        Assert.Equal(string.Empty, Rules(template.Replace("IMAGE", "scratch", StringComparison.Ordinal).Replace("go build", "go build -ldflags '-linkmode external -extldflags \"-static\"'", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_syntax_line_is_an_info_and_latest_tags_of_built_stages_are_warnings()
    {
        Assert.Equal("1:syntax-directive 2:latest-tag 3:latest-tag 6:compile-not-visible", Rules("""
            # syntax=docker/dockerfile:1
            FROM alpine AS y
            FROM golang:latest AS x
            FROM golang:1.23@sha256:0000000000000000000000000000000000000000000000000000000000000000
            FROM 127.0.0.1:5000/base:1
            FROM x
            COPY --from=y / /
            """));
        Assert.Equal("info", DockerfileDoctor.Examine("# syntax=docker/dockerfile:1\nFROM alpine:3.20\n").Single(f => f.Rule == "syntax-directive").Severity);
        Assert.DoesNotContain("remove it", DockerfileDoctor.Examine("# syntax=docker/dockerfile:1\nFROM alpine:3.20\n").Single(f => f.Rule == "syntax-directive").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_carry_the_fix()
    {
        var finding = DockerfileDoctor.Examine("FROM golang:1.23\nRUN go build .\n")[0];

        Assert.StartsWith("line 1: warning emulated-build-stage: ", finding.ToString(), StringComparison.Ordinal);
        Assert.Contains("fix: FROM --platform=$BUILDPLATFORM", finding.ToString(), StringComparison.Ordinal);
    }
}

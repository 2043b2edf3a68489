using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Dockerfiles;

/// <summary>Only what the built target reaches counts: stages, files, and the emulation plan; per-arch stages are not the build machine.</summary>
public sealed class DockerfileReachabilitySpecs
{
    private const string Release = """
        FROM --platform=$BUILDPLATFORM golang:1.23 AS build
        ARG TARGETOS TARGETARCH
        RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
        FROM gcr.io/distroless/static:nonroot AS release
        COPY --from=build /out/app /app
        FROM --platform=linux/arm64 golang:1.23 AS lint
        RUN apt-get update && apt-get install -y shellcheck
        """;

    private static string Errors(string dockerfile, DockerfileDoctorSettings? settings = null)
        => string.Join(" ", DockerfileDoctor.Examine(dockerfile, settings ?? new DockerfileDoctorSettings()).Where(f => f.Severity == "error").Select(f => $"{f.Line}:{f.Rule}"));

    [Fact]
    public void The_target_decides_which_stages_count_for_findings_and_emulation()
    {
        var release = new DockerfileDoctorSettings().SetTarget("release");

        Assert.Equal("6:final-stage-fixed-platform", Errors(Release));
        Assert.Equal(string.Empty, Errors(Release, release));
        Assert.False(DockerfileDoctor.NeedsEmulation(Release, release));
        Assert.Throws<DockerfileFormatException>(() => DockerfileDoctor.Examine(Release, new DockerfileDoctorSettings().SetTarget("nope")));
    }

    [Fact]
    public void A_host_tool_that_never_reaches_the_image_is_fine_and_one_that_does_is_an_error()
    {
        const string dockerfile = """
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            WORKDIR /src
            RUN CGO_ENABLED=0 go build -o /usr/local/bin/gen ./tools/gen && gen
            ARG TARGETARCH
            RUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o bin/app .
            FROM scratch
            COPY --from=build /src/bin/ /
            """;

        Assert.Equal(string.Empty, Errors(dockerfile));
        Assert.Equal("3:host-arch-binary", Errors(dockerfile.Replace("/src/bin/ /", "/usr/local/bin/gen /gen", StringComparison.Ordinal)));
        Assert.Contains(DockerfileDoctor.Examine(dockerfile.Replace("/src/bin/ /", "/src/$X /", StringComparison.Ordinal)), f => f is { Rule: "host-arch-binary", Severity: "warning" });
    }

    [Fact]
    public void Per_arch_stages_picked_by_targetarch_are_not_the_build_machine_but_need_their_emulators()
    {
        const string dockerfile = """
            FROM --platform=linux/amd64 golang:1.23 AS build-amd64
            RUN CGO_ENABLED=1 go build -o /app .
            FROM --platform=linux/arm64 golang:1.23 AS build-arm64
            RUN CGO_ENABLED=1 go build -o /app .
            FROM build-$TARGETARCH AS build
            FROM debian:12-slim
            COPY --from=build /app /app
            """;

        Assert.Equal(string.Empty, Errors(dockerfile));
        Assert.True(DockerfileDoctor.NeedsEmulation(dockerfile));
    }

    [Fact]
    public void Goarch_pinned_by_an_arg_default_in_an_emulated_stage_names_the_value()
    {
        var finding = Assert.Single(DockerfileDoctor.Examine("""
            FROM golang:1.23 AS build
            ARG GOARCH=amd64
            ENV GOARCH=${GOARCH}
            RUN CGO_ENABLED=0 go build -o /app .
            FROM alpine:3.20
            COPY --from=build /app /app
            """), f => f.Severity == "error");

        Assert.Equal((4, "goarch-fixed"), (finding.Line, finding.Rule));
        Assert.Contains("always builds GOARCH=amd64", finding.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Errors("FROM golang:1.23 AS build\nARG GOARCH=amd64\nRUN CGO_ENABLED=0 GOOS=darwin GOARCH=$GOARCH go build -o /dev/null ./...\nFROM alpine:3.20\n"));
    }

    [Fact]
    public void A_makefile_in_the_context_is_followed_and_its_absence_is_an_info()
    {
        using var context = new TempDirectory();
        const string dockerfile = "FROM golang:1.23 AS build\nENV CGO_ENABLED=0 GOARCH=amd64\nWORKDIR /src\nRUN make bin\nFROM alpine:3.20\nCOPY --from=build /src/out/app /app\n";
        var settings = new DockerfileDoctorSettings().SetContext(context.Path);

        Assert.Contains(DockerfileDoctor.Examine(dockerfile, settings), f => f is { Line: 4, Rule: "compile-not-visible", Severity: "info" });
        File.WriteAllText(Path.Combine(context.Path, "Makefile"), "bin: gen\n\t$(GO) build -o out/app .\ngen:\n\t@echo gen\nGO ?= go\n");
        Assert.Equal("4:goarch-fixed", Errors(dockerfile, settings));
        File.WriteAllText(Path.Combine(context.Path, "Makefile"), "GOARCH := $(shell go env GOARCH)\nbin:\n\tGOARCH=arm64 go build -o out/app .\n");
        Assert.Equal("4:goarch-fixed", Errors(dockerfile, settings));
        Assert.Equal(string.Empty, Errors(dockerfile.Replace("GOARCH=amd64", "GOOS=linux", StringComparison.Ordinal), settings.SetPlatforms(PlatformSelection.Of(["linux/arm64"]).Expand())));
    }

    [Fact]
    public void Missing_goarm_fires_only_when_arm_v6_or_v5_is_built()
    {
        const string dockerfile = """
            FROM --platform=$BUILDPLATFORM golang:1.23 AS build
            ARG TARGETARCH
            RUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /app .
            FROM scratch
            COPY --from=build /app /app
            """;
        string Rules(string? platforms) => string.Join(" ", DockerfileDoctor.Examine(dockerfile, platforms is null ? null : PlatformSelection.Of([platforms]).Expand()).Select(f => f.Rule));

        Assert.Equal(string.Empty, Rules(null));
        Assert.Equal(string.Empty, Rules("linux/amd64,linux/arm64,linux/arm/v7"));
        Assert.Equal("missing-goarm", Rules("linux/amd64,linux/arm/v6"));
    }
}

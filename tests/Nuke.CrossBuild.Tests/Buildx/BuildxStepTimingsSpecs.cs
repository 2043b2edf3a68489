using Nuke.CrossBuild.Buildx;

namespace Nuke.CrossBuild.Tests.Buildx;

public sealed class BuildxStepTimingsSpecs
{
    // Shape of `docker buildx build --progress plain` output (buildx 0.13.1, docker driver), trimmed.
    private static readonly string[] Log =
    [
        "#12 [internal] load build context",
        "#12 DONE 0.0s",
        "#14 [linux/amd64 build 4/5] RUN --mount=type=cache,target=/go/pkg/mod go mod download",
        "#14 0.223 go: no module dependencies to download",
        "#14 DONE 0.3s",
        "#15 [linux/amd64->arm/v7 build 5/5] RUN --mount=type=bind,target=. go build -o /out/app .",
        "#15 ...",
        "#16 [linux/amd64 build 5/5] RUN --mount=type=bind,target=. go build -o /out/app .",
        "#16 ...",
        "#15 [linux/amd64->arm/v7 build 5/5] RUN --mount=type=bind,target=. go build -o /out/app .",
        "#15 DONE 14.0s",
        "#18 [linux/arm/v7 stage-1 2/2] COPY --from=build /out/app /app",
        "#18 DONE 0.5s",
        "#16 DONE 15.4s",
        "#17 [linux/riscv64 build 5/5] RUN go build -o /out/app .",
        "#17 CACHED",
        "#21 exporting to image",
        "#21 DONE 0.3s",
    ];

    [Fact]
    public void Cross_steps_count_for_their_target_and_build_platform_steps_for_the_build_platform()
    {
        var seconds = BuildxStepTimings.Parse(Log);

        Assert.Equal(["linux/amd64", "linux/arm/v7", "linux/riscv64"], seconds.Keys);
        Assert.Equal(15.7, seconds["linux/amd64"], 3);
        Assert.Equal(14.5, seconds["linux/arm/v7"], 3);
        Assert.Equal(0, seconds["linux/riscv64"]);
    }

    [Fact]
    public void Steps_without_a_platform_label_and_garbage_lines_are_ignored()
    {
        var seconds = BuildxStepTimings.Parse(["#1 [internal] load .dockerignore", "#1 DONE 9.9s", "#2 DONE abc", "[linux/arm64 x]", "#3 [notaplatform/zzz build 1/1] RUN x", "#3 DONE 1.0s", ""]);

        Assert.Empty(seconds);
    }
}

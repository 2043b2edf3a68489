using Nuke.CrossBuild.Toolchains;

namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>What a generated Go Dockerfile holds.</summary>
public sealed record GoDockerfileOptions
{
    /// <summary>Gets the Go builder image (a Debian-based image with Go; for cgo it also needs apt or preinstalled cross toolchains).</summary>
    public string BuilderImage { get; init; } = "golang:1.23-bookworm";

    /// <summary>Gets the package to build.</summary>
    public string Package { get; init; } = ".";

    /// <summary>Gets the binary's name in the image (<c>/app</c> by default).</summary>
    public string BinaryName { get; init; } = "app";

    /// <summary>Gets whether cgo is on.</summary>
    public bool Cgo { get; init; }

    /// <summary>Gets the C library for cgo (decides the runtime base when not static).</summary>
    public Libc Libc { get; init; } = Libc.Gnu;

    /// <summary>Gets whether the binary is linked statically (for cgo: the osusergo,netgo and -extldflags -static recipe). Null: static exactly when cgo is off.</summary>
    public bool? Static { get; init; }

    /// <summary>Gets the runtime stage.</summary>
    public RuntimeKind Runtime { get; init; } = RuntimeKind.Auto;

    /// <summary>Gets the runtime base images, by kind (override to use a mirror or local bases).</summary>
    public IReadOnlyDictionary<RuntimeKind, string> RuntimeImages { get; init; } = new Dictionary<RuntimeKind, string>
    {
        [RuntimeKind.Static] = "gcr.io/distroless/static-debian12:nonroot",
        [RuntimeKind.Glibc] = "gcr.io/distroless/base-debian12:nonroot",
        [RuntimeKind.Musl] = "alpine:3.20",
    };

    /// <summary>Gets the linker flags (default <c>-s -w</c>).</summary>
    public string Ldflags { get; init; } = "-s -w";

    /// <summary>Gets the build tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the user the container runs as (non-root by default).</summary>
    public string User { get; init; } = "65532:65532";

    /// <summary>Gets the image labels (e.g. <c>org.opencontainers.image.source</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>Gets whether the build stage verifies the binary with <c>crossbuild verify</c> from the <c>crossbuild</c> build context (always on for cgo, where the toolchain also comes from crossbuild).</summary>
    public bool Verify { get; init; }

    /// <summary>Gets whether <c>go mod download</c> runs before the platform split (on for modules with dependencies).</summary>
    public bool DownloadModules { get; init; } = true;

    /// <summary>Gets the runtime actually used after the CGO decision.</summary>
    public RuntimeKind EffectiveRuntime => Runtime != RuntimeKind.Auto ? Runtime : !Cgo || IsStatic ? RuntimeKind.Static : Libc == Libc.Musl ? RuntimeKind.Musl : RuntimeKind.Glibc;

    /// <summary>Gets whether the binary will be static.</summary>
    public bool IsStatic => Static ?? !Cgo;
}

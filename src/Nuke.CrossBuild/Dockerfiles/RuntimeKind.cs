namespace Nuke.CrossBuild.Dockerfiles;

/// <summary>The runtime stage a Go image gets, chosen by the CGO decision.</summary>
public enum RuntimeKind
{
    /// <summary>Chosen from the CGO decision: static → <see cref="Static"/>, glibc → <see cref="Glibc"/>, musl → <see cref="Musl"/>.</summary>
    Auto,

    /// <summary><c>FROM scratch</c>: nothing but the binary (and CA certificates copied from the build stage).</summary>
    Scratch,

    /// <summary>A distroless-like static base: CA certificates, tzdata, a non-root user, no libc.</summary>
    Static,

    /// <summary>A Debian-based base with glibc, for dynamically linked cgo binaries.</summary>
    Glibc,

    /// <summary>An Alpine-style base with musl, for cgo binaries linked against musl.</summary>
    Musl,
}

namespace Nuke.CrossBuild.Toolchains;

/// <summary>The C library a cgo build links against.</summary>
public enum Libc
{
    /// <summary>GNU libc (Debian, Ubuntu, RHEL, distroless/base).</summary>
    Gnu,

    /// <summary>musl (Alpine).</summary>
    Musl,
}

using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Toolchains;

/// <summary>The C toolchain a cgo build uses for one target (what xx-cc and xx-go choose), or why there is none.</summary>
public sealed record CToolchain
{
    /// <summary>Gets the target platform.</summary>
    public required Platform Platform { get; init; }

    /// <summary>Gets the C library.</summary>
    public required Libc Libc { get; init; }

    /// <summary>Gets the compiler kind: <c>gcc</c>, <c>clang</c>, <c>zig</c>, or <c>none</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the C compiler command (may hold flags, e.g. <c>clang --target=…</c>), or null when none was found.</summary>
    public string? CC { get; init; }

    /// <summary>Gets the C++ compiler command.</summary>
    public string? CXX { get; init; }

    /// <summary>Gets the archiver.</summary>
    public string? AR { get; init; }

    /// <summary>Gets the pkg-config command.</summary>
    public string? PkgConfig { get; init; }

    /// <summary>Gets where pkg-config looks for the target's <c>.pc</c> files.</summary>
    public string? PkgConfigLibDir { get; init; }

    /// <summary>Gets the target's sysroot (headers and libraries), or null for the host's.</summary>
    public string? Sysroot { get; init; }

    /// <summary>Gets the Debian packages that would provide the missing parts (empty when complete).</summary>
    public IReadOnlyList<string> MissingPackages { get; init; } = [];

    /// <summary>Gets why no toolchain could be used, or null when one was found.</summary>
    public string? Problem { get; init; }

    /// <summary>Gets whether a compiler was found.</summary>
    public bool Found => CC is not null && Problem is null;

    /// <summary>Gets the environment variables to give <c>go build</c> (CC, CXX, AR, PKG_CONFIG, PKG_CONFIG_LIBDIR).</summary>
    /// <returns>The variables that are set, in a stable order.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> ToVariables()
    {
        var all = new (string Name, string? Value)[]
        {
            ("CC", CC), ("CXX", CXX), ("AR", AR), ("PKG_CONFIG", PkgConfig), ("PKG_CONFIG_LIBDIR", PkgConfigLibDir),
        };
        return [.. all.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Name, v.Value!))];
    }
}

using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Toolchains;

/// <summary>
/// Chooses the target C toolchain for cgo, like xx-go/xx-cc: <c>&lt;triple&gt;-gcc</c> from Debian's cross packages,
/// else clang with <c>--target</c> and the target sysroot (never for s390x or riscv64, where lld is not used),
/// else <c>zig cc</c>; the host's <c>gcc</c> (or <c>musl-gcc</c>) for the host's own platform.
/// </summary>
public static class ToolchainResolver
{
    /// <summary>Resolves the toolchain for a target on this machine.</summary>
    /// <param name="platform">The target.</param>
    /// <param name="libc">The C library.</param>
    /// <param name="find">Finds an executable on PATH (for tests), or null for the real lookup.</param>
    /// <param name="exists">Tests whether a file or directory exists (for tests), or null for the real file system.</param>
    /// <returns>The toolchain, or one whose <see cref="CToolchain.Problem"/> says what is missing and which packages provide it.</returns>
    public static CToolchain Resolve(Platform platform, Libc libc = Libc.Gnu, Func<string, string?>? find = null, Func<string, bool>? exists = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        find ??= name => PathLookup.Find(name);
        exists ??= path => Directory.Exists(path) || File.Exists(path);
        var baseToolchain = new CToolchain { Platform = platform, Libc = libc, Kind = "none" };
        if (platform.Os != "linux")
        {
            return baseToolchain with { Problem = $"cgo for {platform} needs that OS's SDK (macOS SDK, mingw-w64); build with CGO_ENABLED=0 or on a {platform.Os} runner" };
        }

        var host = Platform.Host;
        if (platform.Architecture == host.Architecture && host.Os == "linux")
        {
            return Native(baseToolchain, libc, find);
        }

        return libc == Libc.Musl ? CrossMusl(baseToolchain, find, exists) : CrossGnu(baseToolchain, find, exists);
    }

    /// <summary>Returns Debian's multiarch directory name for a platform (i386-linux-gnu for 386, else the GNU triple).</summary>
    /// <param name="info">The platform's facts.</param>
    /// <returns>The tuple used under <c>/usr/lib</c>.</returns>
    public static string Multiarch(PlatformInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.DebianArch == "i386" ? "i386-linux-gnu" : info.GnuTriple;
    }

    /// <summary>Returns Debian's musl multiarch directory name (the GNU multiarch tuple with musl for gnu, e.g. <c>arm-linux-musleabihf</c>).</summary>
    /// <param name="info">The platform's facts.</param>
    /// <returns>The tuple used under <c>/usr/lib</c> for musl.</returns>
    public static string MuslMultiarch(PlatformInfo info) => Multiarch(info).Replace("-gnu", "-musl", StringComparison.Ordinal);

    // A musl cross compiler: the glibc cross gcc with Debian's musl specs file, else zig cc.
    private static CToolchain CrossMusl(CToolchain baseToolchain, Func<string, string?> find, Func<string, bool> exists)
    {
        var platform = baseToolchain.Platform;
        var info = platform.Info;
        var triple = info.GnuTriple;
        var packages = ToolchainPackages.For(platform, baseToolchain.Libc);

        // Debian's musl-dev:<arch> ships a gcc specs file that turns the glibc cross gcc into a musl one.
        var specs = $"/usr/lib/{MuslMultiarch(info)}/musl-gcc.specs";
        if (find($"{triple}-gcc") is not null && exists(specs))
        {
            return baseToolchain with { Kind = "gcc", CC = $"{triple}-gcc -specs {specs}", AR = $"{triple}-ar", Sysroot = $"/usr/lib/{MuslMultiarch(info)}" };
        }

        return find("zig") is not null
            ? baseToolchain with { Kind = "zig", CC = $"zig cc -target {MuslZigTarget(info)}", CXX = $"zig c++ -target {MuslZigTarget(info)}" }
            : baseToolchain with { MissingPackages = packages, Problem = $"no musl cross compiler for {platform}: needs {triple}-gcc and {specs}; install {string.Join(" ", packages)} (crossbuild toolchain install {platform} --libc musl), or put zig on PATH" };
    }

    // A glibc cross compiler: <triple>-gcc, else clang with lld and the target sysroot.
    private static CToolchain CrossGnu(CToolchain baseToolchain, Func<string, string?> find, Func<string, bool> exists)
    {
        var platform = baseToolchain.Platform;
        var info = platform.Info;
        var triple = info.GnuTriple;
        var packages = ToolchainPackages.For(platform, baseToolchain.Libc);
        var multiarch = Multiarch(info);
        var pkgConfigDir = $"/usr/lib/{multiarch}/pkgconfig:/usr/share/pkgconfig";
        if (find($"{triple}-gcc") is not null)
        {
            return baseToolchain with
            {
                Kind = "gcc",
                CC = $"{triple}-gcc",
                CXX = find($"{triple}-g++") is not null ? $"{triple}-g++" : null,
                AR = $"{triple}-ar",
                PkgConfig = find($"{triple}-pkg-config") is not null ? $"{triple}-pkg-config" : "pkg-config",
                PkgConfigLibDir = pkgConfigDir,
                Sysroot = $"/usr/{triple}",
                MissingPackages = exists($"/usr/{triple}/include") ? [] : [packages[1]],
            };
        }

        var lldOk = platform.Architecture is not ("s390x" or "riscv64");
        if (lldOk && find("clang") is not null && find("ld.lld") is not null && exists($"/usr/{triple}/lib"))
        {
            var flags = $"--target={info.ClangTarget} --sysroot=/usr/{triple} -fuse-ld=lld";
            return baseToolchain with
            {
                Kind = "clang",
                CC = $"clang {flags}",
                CXX = $"clang++ {flags}",
                AR = "llvm-ar",
                PkgConfig = "pkg-config",
                PkgConfigLibDir = pkgConfigDir,
                Sysroot = $"/usr/{triple}",
            };
        }

        return baseToolchain with
        {
            MissingPackages = packages,
            Problem = $"no C cross compiler for {platform}: {triple}-gcc is not on PATH; install {string.Join(" ", packages)} (crossbuild toolchain install {platform})",
        };
    }

    private static CToolchain Native(CToolchain toolchain, Libc libc, Func<string, string?> find)
    {
        if (libc == Libc.Musl)
        {
            return find("musl-gcc") is not null
                ? toolchain with { Kind = "gcc", CC = "musl-gcc" }
                : toolchain with { MissingPackages = ["musl-tools"], Problem = "musl-gcc is not on PATH; install musl-tools" };
        }

        var cc = find("gcc") is not null ? "gcc" : find("cc") is not null ? "cc" : find("clang") is not null ? "clang" : null;
        return cc is null
            ? toolchain with { MissingPackages = ["gcc", "libc6-dev"], Problem = "no C compiler (gcc, cc or clang) on PATH; install gcc libc6-dev" }
            : toolchain with { Kind = cc == "clang" ? "clang" : "gcc", CC = cc, CXX = find("g++") is not null ? "g++" : null, AR = "ar", PkgConfig = "pkg-config" };
    }

    private static string MuslZigTarget(PlatformInfo info) => info.ZigTarget!.Replace("gnueabihf", "musleabihf", StringComparison.Ordinal)
        .Replace("gnueabi", "musleabi", StringComparison.Ordinal).Replace("gnuabi64", "musl", StringComparison.Ordinal).Replace("gnu", "musl", StringComparison.Ordinal);
}

using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Toolchains;

/// <summary>Names the Debian packages that provide a target's C toolchain (the xx-apt naming rules).</summary>
public static class ToolchainPackages
{
    /// <summary>Lists the compiler and C library packages for a target.</summary>
    /// <param name="platform">The target.</param>
    /// <param name="libc">The C library (Debian packages only cross toolchains for glibc).</param>
    /// <param name="devPackages">Target libraries the build needs (e.g. <c>libsqlite3-dev</c>), installed as <c>pkg:&lt;debarch&gt;</c>.</param>
    /// <returns>For example <c>gcc-aarch64-linux-gnu libc6-dev-arm64-cross libsqlite3-dev:arm64</c>.</returns>
    public static IReadOnlyList<string> For(Platform platform, Libc libc = Libc.Gnu, IEnumerable<string>? devPackages = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var info = platform.Info;
        if (platform.Os != "linux" || info.DebianArch is null)
        {
            return [];
        }

        var suffix = info.GnuTriple.Replace('_', '-');
        if (libc == Libc.Musl)
        {
            return platform.Architecture == Platform.Host.Architecture ? ["musl-tools"] : [$"gcc-{suffix}", $"musl-dev:{info.DebianArch}"];
        }

        IEnumerable<string> packages = platform.Architecture == Platform.Host.Architecture
            ? ["gcc", "libc6-dev"]
            : [$"gcc-{suffix}", $"libc6-dev-{info.DebianArch}-cross"];
        return [.. packages, .. (devPackages ?? []).Select(p => $"{p}:{info.DebianArch}")];
    }

    /// <summary>Builds the install command for packages (the dev packages need <c>dpkg --add-architecture</c> first).</summary>
    /// <param name="packages">The packages.</param>
    /// <returns>The argument list for apt-get.</returns>
    public static IReadOnlyList<string> AptInstallArguments(IEnumerable<string> packages)
        => ["install", "-y", "--no-install-recommends", .. packages];
}

namespace Nuke.CrossBuild.Platforms;

/// <summary>Turns the many spellings of a platform into containerd's normal form, before the table lookup.</summary>
internal static class PlatformNormalizer
{
    private static readonly Dictionary<string, string> OsAliases = new(StringComparer.Ordinal)
    {
        ["linux"] = "linux", ["darwin"] = "darwin", ["macos"] = "darwin", ["osx"] = "darwin",
        ["windows"] = "windows", ["freebsd"] = "freebsd",
    };

    // alias -> (architecture, variant the alias implies)
    private static readonly Dictionary<string, (string Arch, string? Variant)> ArchAliases = new(StringComparer.Ordinal)
    {
        ["amd64"] = ("amd64", null), ["x86_64"] = ("amd64", null), ["x86-64"] = ("amd64", null), ["x64"] = ("amd64", null),
        ["arm64"] = ("arm64", null), ["aarch64"] = ("arm64", null), ["armv8"] = ("arm64", null),
        ["arm"] = ("arm", null), ["armhf"] = ("arm", "v7"), ["armv7"] = ("arm", "v7"), ["armv7l"] = ("arm", "v7"), ["armv7hl"] = ("arm", "v7"),
        ["armel"] = ("arm", "v6"), ["armv6"] = ("arm", "v6"), ["armv6l"] = ("arm", "v6"), ["armv6hl"] = ("arm", "v6"),
        ["armv5"] = ("arm", "v5"), ["armv5l"] = ("arm", "v5"), ["armv5tel"] = ("arm", "v5"), ["armv8l"] = ("arm", "v8"),
        ["386"] = ("386", null), ["i386"] = ("386", null), ["i486"] = ("386", null), ["i586"] = ("386", null), ["i686"] = ("386", null), ["x86"] = ("386", null),
        ["ppc64"] = ("ppc64", null), ["ppc64le"] = ("ppc64le", null), ["ppc64el"] = ("ppc64le", null), ["powerpc64le"] = ("ppc64le", null),
        ["s390x"] = ("s390x", null), ["riscv64"] = ("riscv64", null),
        ["loong64"] = ("loong64", null), ["loongarch64"] = ("loong64", null),
        ["mips"] = ("mips", null), ["mipsle"] = ("mipsle", null), ["mipsel"] = ("mipsle", null),
        ["mips64"] = ("mips64", null), ["mips64le"] = ("mips64le", null), ["mips64el"] = ("mips64le", null),
    };

    public static (string Os, string Arch, string? Variant) Normalize(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('/');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0))
        {
            throw new UnsupportedPlatformException(text, "expected os/arch[/variant] (e.g. linux/arm64, linux/arm/v7) or an architecture alias (amd64, aarch64, armhf, i686, ...)");
        }

        var os = parts.Length == 1 ? "linux" : parts[0];
        if (!OsAliases.TryGetValue(os, out var normalOs))
        {
            throw new UnsupportedPlatformException(text, $"unknown os '{os}'; expected one of {string.Join(", ", OsAliases.Values.Distinct())}");
        }

        var archText = parts.Length == 1 ? parts[0] : parts[1];
        if (!ArchAliases.TryGetValue(archText, out var arch))
        {
            throw new UnsupportedPlatformException(text, $"unknown architecture '{archText}'; expected one of {string.Join(", ", ArchAliases.Values.Select(a => a.Arch).Distinct())} or an alias such as aarch64, x86_64, armhf, armel, i686");
        }

        var given = parts.Length == 3 ? parts[2] : null;
        if (given is not null && arch.Variant is not null && NormalizeVariant(arch.Arch, given) != arch.Variant)
        {
            throw new UnsupportedPlatformException(text, $"'{archText}' already means {arch.Arch}/{arch.Variant}, got variant '{given}'");
        }

        return (normalOs, arch.Arch, NormalizeVariant(arch.Arch, given ?? arch.Variant));
    }

    private static string? NormalizeVariant(string arch, string? variant)
    {
        if (variant is not null && variant.Length == 1 && char.IsAsciiDigit(variant[0]))
        {
            variant = "v" + variant;
        }

        return (arch, variant) switch
        {
            ("amd64", "v1") => null,
            ("arm64", "v8") => null,
            ("arm", null) => "v7",
            ("mips" or "mipsle" or "mips64" or "mips64le", "hardfloat") => null,
            _ => variant,
        };
    }

    public static string Unsupported(string os, string arch, string? variant)
    {
        var sameArch = PlatformInfo.All.Where(i => i.Platform.Os == os && i.Platform.Architecture == arch).Select(i => i.Platform.ToString()).ToList();
        if (sameArch.Count > 0)
        {
            return $"unsupported variant '{variant}' for {os}/{arch}; expected one of {string.Join(", ", sameArch)}";
        }

        var sameOs = PlatformInfo.All.Where(i => i.Platform.Os == os).Select(i => i.Platform.Architecture).Distinct();
        return $"unsupported target os={os} arch={arch}; {os} supports {string.Join(", ", sameOs)}";
    }
}

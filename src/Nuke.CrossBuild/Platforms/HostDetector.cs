using System.Runtime.InteropServices;

namespace Nuke.CrossBuild.Platforms;

/// <summary>Works out the platform of this machine and which platforms it runs without an emulator.</summary>
internal static class HostDetector
{
    private static readonly Lazy<Platform> Detected = new(Detect);

    public static Platform Platform => Detected.Value;

    private static Platform Detect()
    {
        var os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsFreeBSD() ? "freebsd" : "linux";
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm/v7",
            Architecture.X86 => "386",
            Architecture.S390x => "s390x",
            Architecture.Ppc64le => "ppc64le",
            Architecture.RiscV64 => "riscv64",
            Architecture.LoongArch64 => "loong64",
            var other => other.ToString().ToLowerInvariant(),
        };
        return Platform.Parse($"{os}/{arch}");
    }

    /// <summary>Lists the platforms a host runs natively: its own, the 32-bit mode its kernel runs, and the amd64 levels its CPU flags allow.</summary>
    /// <param name="host">The host platform.</param>
    /// <param name="cpuFlags">The CPU flags, or null when unknown (no amd64 levels assumed).</param>
    /// <param name="runsCompat32">Whether the kernel executes the CPU's 32-bit mode (i386 on amd64); see <see cref="CompatProbe"/>.</param>
    public static IReadOnlyList<Platform> NativePlatforms(Platform host, IReadOnlySet<string>? cpuFlags, bool runsCompat32 = true)
    {
        var native = new List<Platform> { host };
        if (host.Os != "linux")
        {
            return native;
        }

        if (host.Architecture == "amd64")
        {
            if (runsCompat32)
            {
                native.Add(Platform.Linux386);
            }

            foreach (var (level, flags) in Amd64Levels)
            {
                if (cpuFlags is not null && flags.All(cpuFlags.Contains))
                {
                    native.Add(Platform.Parse($"linux/amd64/{level}"));
                }
                else
                {
                    break;
                }
            }
        }
        else if (host == Platform.LinuxArmV7)
        {
            native.Add(Platform.LinuxArmV6);
            native.Add(Platform.Parse("linux/arm/v5"));
        }

        return native;
    }

    /// <summary>Reads the CPU feature flags of this machine from /proc/cpuinfo, or null where there is none.</summary>
    public static IReadOnlySet<string>? ReadCpuFlags(string path = "/proc/cpuinfo")
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    // x86-64 micro-architecture levels as the psABI defines them, by /proc/cpuinfo flag names.
    private static readonly (string Level, string[] Flags)[] Amd64Levels =
    [
        ("v2", ["cx16", "lahf_lm", "popcnt", "sse4_1", "sse4_2", "ssse3"]),
        ("v3", ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave"]),
        ("v4", ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"]),
    ];
}

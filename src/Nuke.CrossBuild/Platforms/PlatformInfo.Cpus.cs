namespace Nuke.CrossBuild.Platforms;

/// <summary>The weakest CPU each platform guarantees, as QEMU 10 models it: smoke runs use it, so code above the platform's level fails here as on the device.</summary>
public sealed partial record PlatformInfo
{
    // Measured here with Go binaries: GOARM=7 dies with SIGILL on arm1176, GOARM=6 on arm926; GOAMD64=v2 refuses qemu64,
    // v3 refuses Nehalem, v4 refuses Haswell-noTSX. TCG cannot emulate AVX-512 (no model for amd64/v4), and its named
    // s390x models lack facilities TCG does not implement (QEMU's default model is used there).
    private static readonly Dictionary<string, (string Model, string Description)> WeakestCpus = new(StringComparer.Ordinal)
    {
        ["linux/amd64"] = ("qemu64", "x86-64 baseline (v1): SSE2, no SSE4.2/POPCNT"),
        ["linux/amd64/v2"] = ("Nehalem", "x86-64-v2: SSE4.2 and POPCNT, no AVX"),
        ["linux/amd64/v3"] = ("Haswell-noTSX", "x86-64-v3: AVX2, BMI2, FMA, no AVX-512"),
        ["linux/386"] = ("qemu32", "i686 with SSE2"),
        ["linux/arm64"] = ("cortex-a53", "ARMv8.0-A Cortex-A53 (Raspberry Pi 3)"),
        ["linux/arm/v7"] = ("cortex-a8", "ARMv7-A Cortex-A8 with VFPv3"),
        ["linux/arm/v6"] = ("arm1176", "ARMv6 ARM1176 (Raspberry Pi Zero/1)"),
        ["linux/arm/v5"] = ("arm926", "ARMv5TE ARM926EJ-S"),
        ["linux/riscv64"] = ("sifive-u54", "RV64GC SiFive U54"),
        ["linux/ppc64le"] = ("power8", "POWER8"),
    };

    /// <summary>Gets the QEMU CPU model of the weakest CPU this platform guarantees (<c>QEMU_CPU</c>, <c>-cpu</c>), or null where QEMU's default is used.</summary>
    public string? QemuCpu => WeakestCpus.TryGetValue(Platform.ToString(), out var cpu) ? cpu.Model : null;

    /// <summary>Gets what <see cref="QemuCpu"/> stands for, e.g. <c>ARMv6 ARM1176 (Raspberry Pi Zero/1)</c>, or null.</summary>
    public string? QemuCpuDescription => WeakestCpus.TryGetValue(Platform.ToString(), out var cpu) ? cpu.Description : null;
}

using System.Text.Json;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Matrix;

public sealed class MatrixPlanSpecs
{
    private static readonly BuildHost Amd64Host = BuildHost.Assume(Platform.LinuxAmd64) with
    {
        Emulated = new HashSet<Platform> { Platform.LinuxArm64, Platform.LinuxArmV7, Platform.LinuxArmV6 },
    };

    private static string Modes(IEnumerable<MatrixEntry> entries) => string.Join(" ", entries.Select(e => $"{e.Platform}={MatrixJson.ModeName(e.Mode)}"));

    [Fact]
    public void An_amd64_host_builds_amd64_and_386_natively_and_cross_compiles_the_rest()
    {
        var entries = MatrixTasks.Plan(_ => _.SetPlatforms("all").SetHost(Amd64Host));

        Assert.Equal("linux/amd64=native linux/arm64=cross linux/arm/v7=cross linux/arm/v6=cross linux/386=native linux/ppc64le=cross linux/s390x=cross linux/riscv64=cross", Modes(entries));
        Assert.All(entries, e => Assert.False(e.EmulatorNeeded));
    }

    [Fact]
    public void An_emulated_build_stage_needs_an_emulator_for_every_foreign_platform_and_says_which_are_registered()
    {
        var entries = MatrixTasks.Plan(_ => _.SetPlatforms("linux/amd64", "linux/arm64", "linux/riscv64").SetHost(Amd64Host).EnableEmulateBuildStage());

        Assert.Equal("linux/amd64=native linux/arm64=emulated linux/riscv64=emulated", Modes(entries));
        Assert.Equal([false, true, true], entries.Select(e => e.EmulatorNeeded));
        Assert.Equal([null, true, false], entries.Select(e => e.EmulatorRegistered));
        Assert.Equal("qemu-riscv64", entries[2].Emulator);
    }

    [Fact]
    public void A_platform_the_toolchain_cannot_cross_compile_for_is_emulated()
    {
        var entries = MatrixTasks.Plan(_ => _.SetPlatforms("common").SetHost(Amd64Host).SetCanCrossCompile(p => p != Platform.LinuxArmV7));

        Assert.Equal("linux/amd64=native linux/arm64=cross linux/arm/v7=emulated", Modes(entries));
    }

    [Fact]
    public void An_arm64_host_builds_arm64_natively()
    {
        var entries = MatrixTasks.Plan(_ => _.SetPlatforms("common").SetHost(BuildHost.Assume(Platform.LinuxArm64)));

        Assert.Equal("linux/amd64=cross linux/arm64=native linux/arm/v7=cross", Modes(entries));
        Assert.All(entries, e => Assert.Null(e.EmulatorRegistered));
    }

    [Fact]
    public void Axes_are_crossed_into_every_platform_in_order()
    {
        var entries = MatrixTasks.Plan(_ => _.SetPlatforms("linux/amd64,linux/arm64").SetHost(Amd64Host).AddAxis("libc", "gnu", "musl").AddAxis("go", "1.23"));

        Assert.Equal(
            ["linux/amd64 libc=gnu go=1.23", "linux/amd64 libc=musl go=1.23", "linux/arm64 libc=gnu go=1.23", "linux/arm64 libc=musl go=1.23"],
            entries.Select(e => $"{e.Platform} {string.Join(" ", e.Axes.Select(a => $"{a.Key}={a.Value}"))}"));
    }

    [Fact]
    public void Sharding_by_runner_puts_arm64_on_the_arm_runner_where_it_is_native()
    {
        var entries = MatrixTasks.Plan(_ => _.SetPlatforms("common").EnableShardByRunner());

        Assert.Equal(["ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-24.04"], entries.Select(e => e.Runner));
        Assert.Equal("linux/amd64=native linux/arm64=native linux/arm/v7=cross", Modes(entries));
    }

    [Fact]
    public void The_github_matrix_is_an_include_list_with_axes_as_keys()
    {
        var entries = MatrixTasks.Plan(_ => _.SetPlatforms("linux/arm/v7").SetHost(Amd64Host).AddAxis("libc", "musl").EnableShardByRunner());

        var json = MatrixJson.ToGitHubMatrix(entries);

        Assert.Equal("""{"include":[{"platform":"linux/arm/v7","slug":"linux_arm_v7_musl","mode":"cross","runner":"ubuntu-24.04","libc":"musl"}]}""", json);
    }

    [Fact]
    public void The_json_array_names_mode_and_emulator_facts()
    {
        var entries = MatrixTasks.Plan(_ => _.SetPlatforms("linux/arm64").SetHost(Amd64Host));

        using var json = JsonDocument.Parse(MatrixJson.ToJson(entries));
        var entry = json.RootElement[0];

        Assert.Equal("linux/arm64", entry.GetProperty("platform").GetString());
        Assert.Equal("cross", entry.GetProperty("mode").GetString());
        Assert.Equal("qemu-aarch64", entry.GetProperty("emulator").GetString());
        Assert.False(entry.GetProperty("emulatorNeeded").GetBoolean());
        Assert.True(entry.GetProperty("emulatorRegistered").GetBoolean());
    }

    [Fact]
    public void Specs_that_leave_no_platform_are_refused()
    {
        var error = Assert.Throws<UnsupportedPlatformException>(() => MatrixTasks.Plan(_ => _.SetPlatforms("common").RemovePlatforms("common").SetHost(Amd64Host)));

        Assert.Contains("no platform left", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fluent_setters_return_copies()
    {
        var original = new MatrixSettings().SetPlatforms("common");

        var changed = original.AddPlatforms("riscv64").EnableEmulateBuildStage();

        Assert.Equal(["common"], original.Specs);
        Assert.False(original.EmulateBuildStage);
        Assert.Equal(["common", "riscv64"], changed.Specs);
        Assert.True(changed.EmulateBuildStage);
    }

    [Fact]
    public void An_amd64_host_runs_the_micro_architecture_levels_its_cpu_flags_allow()
    {
        var flags = new HashSet<string>(["cx16", "lahf_lm", "popcnt", "sse4_1", "sse4_2", "ssse3"]);

        var native = HostDetectorAccess.Native(Platform.LinuxAmd64, flags);

        Assert.Equal("linux/amd64 linux/386 linux/amd64/v2", string.Join(" ", native));
    }
}

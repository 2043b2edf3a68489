using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Binfmt;

public sealed class BinfmtRegistrationSpecs
{
    [Fact]
    public void The_registration_line_is_binfmts_with_the_F_flag()
    {
        var line = BinfmtRegistration.Line(Platform.LinuxArm64, "/usr/bin/qemu-aarch64-static");

        Assert.Equal(@":qemu-aarch64:M:0:\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-aarch64-static:F", line);
    }

    [Fact]
    public void Non_linux_platforms_have_no_emulator()
    {
        Assert.Throws<EmulatorException>(() => BinfmtRegistration.Line(Platform.Parse("darwin/arm64"), "/x"));
    }

    [Fact]
    public void Only_emulated_stages_need_emulators_unless_binaries_are_run()
    {
        var host = BuildHost.Assume(Platform.LinuxAmd64);
        var cross = MatrixTasks.Plan(_ => _.SetPlatforms("all").SetHost(host));
        var emulated = MatrixTasks.Plan(_ => _.SetPlatforms("linux/amd64,linux/arm64,linux/riscv64").SetHost(host).EnableEmulateBuildStage());

        Assert.Empty(EmulatorTasks.Needed(cross));
        Assert.Equal("linux/arm64 linux/arm/v7 linux/arm/v6 linux/ppc64le linux/s390x linux/riscv64", string.Join(" ", EmulatorTasks.Needed(cross, runBinaries: true)));
        Assert.Equal("linux/arm64 linux/riscv64", string.Join(" ", EmulatorTasks.Needed(emulated)));
    }

    [Fact]
    public void A_registration_that_is_disabled_lacks_F_or_lost_its_interpreter_is_stale()
    {
        var entry = new BinfmtEntry { Name = "qemu-x", Enabled = true, Interpreter = "/nonexistent/qemu-x", Flags = "F", Magic = [1], Mask = [0xff] };

        Assert.Equal("interpreter deleted since registration", EmulatorTasks.Staleness(entry, "/nonexistent/qemu-x"));
        Assert.Equal("interpreter deleted since registration", EmulatorTasks.Staleness(entry, "/usr/bin/qemu-x-static"));
        Assert.Equal("entry lacks the F flag", EmulatorTasks.Staleness(entry with { Flags = "OC" }, "/nonexistent/qemu-x"));
        Assert.Equal("entry disabled", EmulatorTasks.Staleness(entry with { Enabled = false }, "/nonexistent/qemu-x"));
    }

    [Fact]
    public void The_fallback_image_is_pinned_by_digest()
    {
        Assert.Matches("^docker.io/tonistiigi/binfmt@sha256:[0-9a-f]{64}$", EmulatorTasks.PinnedBinfmtImage);
    }
}

using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Binfmt;

public sealed class BinfmtRegistrySpecs
{
    private const string Aarch64Entry = """
        enabled
        interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P
        flags: POCF
        offset 0
        magic 7f454c460201010000000000000000000200b700
        mask ffffffffffffff00fffffffffffffffffeffffff
        """;

    [Fact]
    public void I_can_read_an_entry_as_the_kernel_shows_it()
    {
        var entry = BinfmtRegistry.Parse("qemu-aarch64", Aarch64Entry)!;

        Assert.True(entry.Enabled);
        Assert.True(entry.FixBinary);
        Assert.Equal("/usr/libexec/qemu-binfmt/aarch64-binfmt-P", entry.Interpreter);
        Assert.Equal([Platform.LinuxArm64], entry.Platforms);
    }

    [Fact]
    public void An_arm_entry_emulates_every_arm_variant()
    {
        var text = Aarch64Entry.Replace("0201010000000000000000000200b700", "0101010000000000000000000200" + "2800", StringComparison.Ordinal);

        var entry = BinfmtRegistry.Parse("qemu-arm", text)!;

        Assert.Equal("linux/arm/v7 linux/arm/v6 linux/arm/v5 linux/arm/v8", string.Join(" ", entry.Platforms));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage\n")]
    [InlineData("enabled\nmagic zz\n")]
    public void Text_that_is_not_an_entry_does_not_crash_the_reader(string text)
    {
        var entry = BinfmtRegistry.Parse("x", text);

        Assert.True(entry is null || entry.Platforms.Count == 0);
    }

    [Fact]
    public void A_missing_mount_reads_as_no_entries()
    {
        Assert.Empty(BinfmtRegistry.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("n"))));
    }
}

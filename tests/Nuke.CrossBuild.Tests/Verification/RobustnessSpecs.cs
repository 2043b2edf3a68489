using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Verification;

/// <summary>Thousands of mutated binaries: the reader answers with a report or a one-line reason, never an exception.</summary>
public sealed class RobustnessSpecs
{
    private static IEnumerable<byte[]> Seeds()
    {
        yield return new ElfFixture { Machine = 183, Interpreter = "/lib/ld-linux-aarch64.so.1", Needed = ["libc.so.6", "libm.so.6"], GoSettings = [("GOOS", "linux"), ("GOARCH", "arm64")] }.Build();
        yield return new ElfFixture { Class = 32, Machine = 40, BigEndian = false, ArmAttributes = ElfFixture.ArmAttributesFor(10, 1), Type = 3, PieFlag = true }.Build();
        yield return new ElfFixture { Class = 64, BigEndian = true, Machine = 22, Needed = ["libc.so.6"] }.Build();
    }

    private static void Survives(byte[] bytes, string name)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var report = BinaryInspector.Inspect(name, stream);
        _ = BinaryVerifier.Verify(report, Platform.LinuxArm64, requireStatic: true);
        _ = VerificationJson.ToNode(report).ToJsonString();
        Assert.True(report.Error is null || !report.Error.Contains('\n', StringComparison.Ordinal), report.Error);
    }

    [Fact(Timeout = 120_000)]
    public void Mutated_synthetic_binaries_never_crash_the_reader()
    {
        var random = new Random(20261122);
        var count = 0;
        foreach (var seed in Seeds())
        {
            for (var i = 0; i < 2000; i++, count++)
            {
                Survives(Mutate(seed, random), $"mutant-{count}");
            }
        }

        Assert.Equal(6000, count);
    }

    [Fact(Timeout = 300_000)]
    public async Task Mutated_real_go_binaries_never_crash_the_reader()
    {
        await Requires.GoAsync();
        using var dir = new TempDirectory();
        var random = new Random(7);
        foreach (var platform in new[] { Platform.LinuxArmV7, Platform.LinuxS390X, Platform.Parse("windows/amd64"), Platform.Parse("darwin/arm64") })
        {
            var seed = File.ReadAllBytes(await GoBuilder.BuildAsync("hello", platform, dir.Combine(platform.ToSlug())));
            for (var i = 0; i < 300; i++)
            {
                Survives(MutateHeaders(seed, random), $"{platform.ToSlug()}-{i}");
            }
        }
    }

    [Fact]
    public void Truncations_of_every_length_give_a_reason()
    {
        var seed = Seeds().First();
        for (var length = 0; length < seed.Length; length += 7)
        {
            Survives(seed[..length], $"truncated-{length}");
        }
    }

    [Fact]
    public void Random_bytes_with_a_binary_magic_never_crash_the_reader()
    {
        var random = new Random(3);
        byte[][] magics = [[0x7f, 0x45, 0x4c, 0x46], "MZ"u8.ToArray(), [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]];
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(4, 4096)];
            random.NextBytes(bytes);
            var magic = magics[i % magics.Length];
            magic.AsSpan(0, Math.Min(magic.Length, bytes.Length)).CopyTo(bytes);
            Survives(bytes, $"random-{i}");
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        for (var n = random.Next(1, 8); n > 0; n--)
        {
            switch (random.Next(4))
            {
                case 0: bytes[random.Next(bytes.Length)] = (byte)random.Next(256); break;
                case 1: bytes[random.Next(Math.Min(64, bytes.Length))] ^= (byte)(1 << random.Next(8)); break;
                case 2: bytes[random.Next(bytes.Length)] = random.Next(2) == 0 ? (byte)0xff : (byte)0; break;
                default: bytes = bytes[..random.Next(1, bytes.Length)]; break;
            }
        }

        return bytes;
    }

    // Real binaries are large: mutate where the structure lives (headers and tables), not in code.
    private static byte[] MutateHeaders(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            var at = random.Next(2) == 0 ? random.Next(Math.Min(4096, bytes.Length)) : random.Next(bytes.Length);
            bytes[at] = (byte)random.Next(256);
        }

        return bytes;
    }
}

using System.Buffers.Binary;
using System.Text;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Verification;

/// <summary>A universal Mach-O runs the slice of the machine: each slice is checked with its own Go build info, not the first slice's.</summary>
public sealed class UniversalMachOSpecs : IDisposable
{
    private static readonly Platform DarwinAmd64 = Platform.Parse("darwin/amd64");
    private static readonly Platform DarwinArm64 = Platform.Parse("darwin/arm64");
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact(Timeout = 300_000)]
    public async Task Every_slice_of_a_right_universal_go_binary_verifies()
    {
        var fat = await UniversalAsync(patchArm64: false);

        Assert.True(BinaryVerifier.Verify(fat, DarwinAmd64).Ok);
        var arm = BinaryVerifier.Verify(fat, DarwinArm64);
        Assert.True(arm.Ok, string.Join("\n", arm.Problems));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_slice_whose_go_build_is_for_another_arch_is_caught_in_that_slice()
    {
        var fat = await UniversalAsync(patchArm64: true);

        Assert.True(BinaryVerifier.Verify(fat, DarwinAmd64).Ok);
        var problem = Assert.Single(BinaryVerifier.Verify(fat, DarwinArm64).Problems);
        Assert.Contains("(arm64 slice) was built with GOOS=darwin GOARCH=amd64 but darwin/arm64 needs GOOS=darwin GOARCH=arm64", problem, StringComparison.Ordinal);
    }

    private async Task<string> UniversalAsync(bool patchArm64)
    {
        await Requires.GoAsync();
        var amd64 = File.ReadAllBytes(await GoBuilder.BuildAsync("hello", DarwinAmd64, dir.Combine("hello-amd64")));
        var arm64 = File.ReadAllBytes(await GoBuilder.BuildAsync("hello", DarwinArm64, dir.Combine("hello-arm64")));
        if (patchArm64)
        {
            Replace(arm64, "GOARCH=arm64", "GOARCH=amd64");
        }

        var path = dir.Combine(patchArm64 ? "patched" : "fat");
        File.WriteAllBytes(path, Fat((0x01000007, 3, amd64), (0x0100000c, 0, arm64)));
        return path;
    }

    // The module info is in the binary twice (the build info section and runtime.modinfo): patch every copy.
    private static void Replace(byte[] bytes, string from, string to)
    {
        var (needle, replacement, count) = (Encoding.ASCII.GetBytes(from), Encoding.ASCII.GetBytes(to), 0);
        for (var at = bytes.AsSpan().IndexOf(needle); at >= 0; at = bytes.AsSpan().IndexOf(needle), count++)
        {
            replacement.CopyTo(bytes, at);
        }

        Assert.True(count > 0, $"{from} not found in the Go build info");
    }

    // fat_header (magic, nfat_arch) and fat_arch entries (cputype, cpusubtype, offset, size, align), big-endian; slices 16 KiB aligned.
    private static byte[] Fat(params (int CpuType, int CpuSubtype, byte[] Slice)[] slices)
    {
        const int align = 14;
        var output = new List<byte>();
        var header = new byte[8 + (20 * slices.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0xcafebabe);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), slices.Length);
        var offset = 1L << align;
        var bodies = new List<(long Offset, byte[] Bytes)>();
        for (var i = 0; i < slices.Length; i++)
        {
            var entry = header.AsSpan(8 + (20 * i));
            BinaryPrimitives.WriteInt32BigEndian(entry, slices[i].CpuType);
            BinaryPrimitives.WriteInt32BigEndian(entry[4..], slices[i].CpuSubtype);
            BinaryPrimitives.WriteInt32BigEndian(entry[8..], (int)offset);
            BinaryPrimitives.WriteInt32BigEndian(entry[12..], slices[i].Slice.Length);
            BinaryPrimitives.WriteInt32BigEndian(entry[16..], align);
            bodies.Add((offset, slices[i].Slice));
            offset = (offset + slices[i].Slice.Length + (1L << align) - 1) & ~((1L << align) - 1);
        }

        output.AddRange(header);
        foreach (var (at, bytes) in bodies)
        {
            output.AddRange(new byte[at - output.Count]);
            output.AddRange(bytes);
        }

        return [.. output];
    }
}

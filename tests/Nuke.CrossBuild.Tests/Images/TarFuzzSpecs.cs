using System.Formats.Tar;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images;

public sealed class TarFuzzSpecs
{
    [Fact(Timeout = 600_000)]
    public async Task Three_thousand_mutated_oci_tarballs_never_crash_hang_or_write()
    {
        using var dir = new TempDirectory();
        var layout = Fuzz.Seed(dir, "seed");
        var seed = dir.Combine("seed.tar");
        await using (var stream = File.Create(seed))
        await using (var writer = new TarWriter(stream, TarEntryFormat.Ustar))
        {
            foreach (var file in Directory.GetFiles(layout, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                await writer.WriteEntryAsync(file, Path.GetRelativePath(layout, file), TestContext.Current.CancellationToken);
            }
        }

        var bytes = await File.ReadAllBytesAsync(seed, TestContext.Current.CancellationToken);
        var headers = Enumerable.Range(0, bytes.Length / 512).Where(b => bytes.AsSpan(b * 512 + 257, 5).SequenceEqual("ustar"u8)).Select(b => b * 512).ToList();
        var random = new Random(23);
        var outcomes = new Dictionary<string, int>();
        var victim = dir.Combine("victim.tar");
        var before = Leftovers.Files(dir.Path).Count;
        for (var i = 0; i < 3000; i++)
        {
            var mutated = (byte[])bytes.Clone();
            var header = headers[random.Next(headers.Count)];
            switch (random.Next(5))
            {
                case 0: // the entry type: links, devices, FIFOs, directories, unknown types
                    mutated[header + 156] = (byte)"0123456LKxgZ\0"[random.Next(13)];
                    mutated[header + 157] = (byte)'/';
                    break;
                case 1: // the name: escapes, duplicates, absolute paths, empty
                    var name = new[] { "../../escape", "/index.json", "index.json", "blobs/sha256/../../x", "", "oci-layout", "blobs/sha512/00" }[random.Next(7)];
                    mutated.AsSpan(header, 100).Clear();
                    System.Text.Encoding.ASCII.GetBytes(name).CopyTo(mutated, header);
                    break;
                case 2: // the size field
                    System.Text.Encoding.ASCII.GetBytes(new[] { "77777777777", "00000000000", "1000000000\0", "-1\0" }[random.Next(4)]).CopyTo(mutated, header + 124);
                    break;
                case 3:
                    mutated = mutated[..random.Next(mutated.Length)];
                    break;
                default:
                    mutated = Fuzz.Flip(mutated, random, random.Next(1, 16));
                    break;
            }

            await File.WriteAllBytesAsync(victim, mutated, TestContext.Current.CancellationToken);
            await Fuzz.VerifyOnceAsync(() => new OciArchiveSource(victim, Fuzz.Fast), outcomes, $"tar mutation {i}");
        }

        Assert.True(outcomes.Values.Sum() == 3000 && outcomes.ContainsKey("refused") && outcomes.ContainsKey("ok"), string.Join(", ", outcomes));
        Assert.Equal(before + 1, Leftovers.Files(dir.Path).Count); // the victim file only: nothing was extracted
        Assert.False(File.Exists(Path.Combine(dir.Path, "..", "escape")));
    }
}

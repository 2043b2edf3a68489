using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>Mutated OCI layouts: JSON re-hashed so the parsers meet the mutation, and blobs left under their old digest.</summary>
[Collection(ProcessTemp.Name)]
public sealed class LayoutFuzzSpecs
{
    [Fact(Timeout = 600_000)]
    public async Task Five_thousand_mutated_layouts_never_crash_hang_or_write()
    {
        using var dir = new TempDirectory();
        var layout = Fuzz.Seed(dir, "seed");
        var files = Directory.GetFiles(layout, "*", SearchOption.AllDirectories).ToList();
        var jsonFiles = files.Where(f => File.ReadAllBytes(f) is [(byte)'{', ..]).ToList();
        var random = new Random(11);
        var outcomes = new Dictionary<string, int>();
        var before = Leftovers.Files(dir.Path).Count;
        for (var i = 0; i < 5000; i++)
        {
            var snapshot = Fuzz.Snapshot(layout);
            if (i % 2 == 0)
            {
                var victim = jsonFiles[random.Next(jsonFiles.Count)];
                File.WriteAllBytes(victim, Fuzz.Mutate(File.ReadAllBytes(victim), random));
                Fuzz.Rehash(layout);
            }
            else
            {
                var victim = files[random.Next(files.Count)];
                File.WriteAllBytes(victim, Fuzz.Flip(File.ReadAllBytes(victim), random, random.Next(1, 8)));
                if (i % 4 == 1)
                {
                    Fuzz.Rehash(layout);
                }
            }

            try
            {
                await Fuzz.VerifyOnceAsync(() => new OciLayoutSource(layout, limits: Fuzz.Fast), outcomes, $"layout mutation {i}");
            }
            finally
            {
                Fuzz.Restore(layout, snapshot);
            }
        }

        Assert.True(outcomes.Count == 3 && outcomes.Values.Sum() == 5000, "expected ok, problems and refused outcomes: " + string.Join(", ", outcomes));
        Assert.Equal(before, Leftovers.Files(dir.Path).Count);
        Assert.DoesNotContain(Leftovers.Files(Nuke.CrossBuild.Internal.RunTemp.Directory), f => !f.Contains("buildx-metadata", StringComparison.Ordinal) && Path.GetFileName(f) != Nuke.CrossBuild.Internal.RunTemp.AliveFile);
    }
}

using System.Text;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Verification;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>Mutated indexes, manifests and configs: the verifier reports or refuses in one line, never crashes.</summary>
public sealed class ManifestRobustnessSpecs
{
    [Fact(Timeout = 300_000)]
    public async Task Thousands_of_mutated_manifests_never_crash_the_verifier()
    {
        using var dir = new TempDirectory();
        var layout = new OciLayoutBuilder { WithAttestation = true }
            .Add("linux/arm64", [[LayerEntry.File("app", new ElfFixture { Machine = 183 }.Build())]], ["/app"])
            .Write(dir.Combine("seed"));
        var jsonFiles = Directory.GetFiles(layout, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f) is [(byte)'{', ..]).ToList();
        var random = new Random(11);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 1500; i++)
        {
            var victim = jsonFiles[random.Next(jsonFiles.Count)];
            var snapshot = Snapshot(layout);
            File.WriteAllBytes(victim, Mutate(File.ReadAllBytes(victim), random));
            Rehash(layout);
            try
            {
                using var source = new OciLayoutSource(layout);
                var result = await ImageVerifier.VerifyAsync(source, null, cancellationToken: TestContext.Current.CancellationToken);
                Count(outcomes, result.Ok ? "ok" : "problems");
            }
            catch (CrossBuildException e)
            {
                Assert.DoesNotContain('\n', e.Message);
                Count(outcomes, "refused");
            }
            finally
            {
                Restore(layout, snapshot);
            }
        }

        Assert.True(outcomes.Count == 3 && outcomes.Values.Sum() == 1500, "expected ok, problems and refused outcomes: " + string.Join(", ", outcomes));
    }

    private static Dictionary<string, byte[]> Snapshot(string layout)
        => Directory.GetFiles(layout, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

    private static void Restore(string layout, Dictionary<string, byte[]> snapshot)
    {
        foreach (var file in Directory.GetFiles(layout, "*", SearchOption.AllDirectories).Where(f => !snapshot.ContainsKey(f)))
        {
            File.Delete(file);
        }

        foreach (var (file, bytes) in snapshot)
        {
            File.WriteAllBytes(file, bytes);
        }
    }

    // Store a mutated blob under its new digest and point its parents at it, so the parsers, not the digest check, meet the mutation.
    private static void Rehash(string layout)
    {
        var blobs = Path.Combine(layout, "blobs", "sha256");
        for (var round = 0; round < 5; round++)
        {
            var stale = Directory.GetFiles(blobs).Select(f => (File: f, Old: "sha256:" + Path.GetFileName(f), New: OciLayoutBuilder.Digest(File.ReadAllBytes(f)))).Where(b => b.Old != b.New).ToList();
            if (stale.Count == 0)
            {
                return;
            }

            foreach (var (file, old, @new) in stale)
            {
                File.Move(file, Path.Combine(blobs, @new[7..]), overwrite: true);
                foreach (var json in Directory.GetFiles(layout, "*", SearchOption.AllDirectories).Where(f => File.ReadAllBytes(f) is [(byte)'{', ..]))
                {
                    var text = File.ReadAllText(json);
                    if (text.Contains(old, StringComparison.Ordinal))
                    {
                        File.WriteAllText(json, text.Replace(old, @new, StringComparison.Ordinal));
                    }
                }
            }
        }
    }

    private static void Count(Dictionary<string, int> outcomes, string key) => outcomes[key] = outcomes.GetValueOrDefault(key) + 1;

    private static byte[] Mutate(byte[] json, Random random)
    {
        var text = Encoding.UTF8.GetString(json);
        string[] replacements = ["null", "1", "\"x\"", "[]", "{}", "-1", "99999999999999999999", "\"../../etc/passwd\"", "\"sha256:zz\"", "true"];
        return random.Next(3) switch
        {
            0 => Encoding.UTF8.GetBytes(text[..random.Next(text.Length)]),
            1 => Encoding.UTF8.GetBytes(ReplaceValue(text, random, replacements[random.Next(replacements.Length)])),
            _ => Flip(json, random),
        };
    }

    private static string ReplaceValue(string text, Random random, string value)
    {
        var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':').ToList();
        if (colons.Count == 0)
        {
            return value;
        }

        var at = colons[random.Next(colons.Count)] + 1;
        var end = at;
        var depth = 0;
        while (end < text.Length && (depth > 0 || (text[end] != ',' && text[end] != '}' && text[end] != ']')))
        {
            depth += text[end] is '{' or '[' ? 1 : text[end] is '}' or ']' ? -1 : 0;
            end++;
        }

        return text[..at] + value + text[end..];
    }

    private static byte[] Flip(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        copy[random.Next(copy.Length)] = (byte)random.Next(32, 127);
        return copy;
    }
}

using System.Text;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Verification;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// 10,000 mutations (5,000 of OCI layouts (JSON re-hashed so the parsers meet them, and blobs left under their old digest),
/// 3,000 of OCI tarballs and 2,000 of registry responses): every run ends in a verdict or one line, never a crash, never a hang (each run
/// has a time limit), never a file written.
/// </summary>
internal static class Fuzz
{
    internal static readonly ImageReadLimits Fast = new() { IdleTimeout = TimeSpan.FromMilliseconds(300), ConnectTimeout = TimeSpan.FromSeconds(2) };

    internal static string Seed(TempDirectory dir, string name) => new OciLayoutBuilder { WithAttestation = true }
        .Add("linux/arm64", [[LayerEntry.File("app", new ElfFixture { Machine = 183 }.Build()), LayerEntry.Link("bin/app", "../app")], [LayerEntry.Whiteout("/old")]], ["/app"])
        .Write(dir.Combine(name));

    // Runs one verification with a time limit; records ok / problems / refused, and fails the test on anything else.
    internal static async Task VerifyOnceAsync(Func<IImageSource> open, Dictionary<string, int> outcomes, string what)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            using var source = open();
            var result = await ImageVerifier.VerifyAsync(source, null, limits: Fast, cancellationToken: limit.Token);
            Assert.All(result.Problems, p => Assert.DoesNotContain('\n', p));
            Count(outcomes, result.Ok ? "ok" : "problems");
        }
        catch (CrossBuildException e)
        {
            Assert.True(!e.Message.Contains('\n', StringComparison.Ordinal), $"{what}: a rejection of more than one line: {e.Message}");
            Count(outcomes, "refused");
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{what}: a verification hung for 20 s");
        }
    }

    internal static Dictionary<string, byte[]> Snapshot(string layout)
        => Directory.GetFiles(layout, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

    internal static void Restore(string layout, Dictionary<string, byte[]> snapshot)
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
    internal static void Rehash(string layout)
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

    internal static void Count(Dictionary<string, int> outcomes, string key) => outcomes[key] = outcomes.GetValueOrDefault(key) + 1;

    internal static byte[] Mutate(byte[] json, Random random)
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

    internal static byte[] Flip(byte[] bytes, Random random, int count = 1)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < count && copy.Length > 0; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }
}

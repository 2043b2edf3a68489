using System.Text.Json.Nodes;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Verification;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>Image verification with a verdict record: a manifest that passed is not read again; nothing else is skipped.</summary>
public sealed class RecordedVerdictSpecs : IDisposable
{
    private static readonly byte[] Amd64 = new ElfFixture { Machine = 62 }.Build();
    private static readonly byte[] Arm64 = new ElfFixture { Machine = 183 }.Build();
    private static readonly string[] App = ["/app"];
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private VerdictRecord Record => new(dir.Combine("verdicts"));

    private async Task<ImageVerification> VerifyAsync(string layout, bool requireStatic = false, string? path = null)
    {
        using var source = await ImageSources.OpenAsync(layout, cancellationToken: TestContext.Current.CancellationToken);
        return await ImageVerifier.VerifyAsync(source, PlatformSelection.Of(["linux/amd64,linux/arm64"]).Expand(), _ => path, programRequired: true, requireStatic, null, Record, TestContext.Current.CancellationToken);
    }

    private string Write(byte[] arm64Binary) => new OciLayoutBuilder()
        .Add("linux/amd64", [[LayerEntry.File("app", Amd64)]], App)
        .Add("linux/arm64", [[LayerEntry.File("app", arm64Binary)]], App)
        .Write(dir.Combine("layout-" + Guid.NewGuid().ToString("n")));

    // Every layer blob of the layout replaced by garbage: verifying it for real fails on every platform.
    private static void SpoilLayers(string layout)
    {
        var blobs = Path.Combine(layout, "blobs", "sha256");
        var layers = Directory.GetFiles(blobs).Select(File.ReadAllBytes).Where(b => b.Length > 0 && b[0] == (byte)'{')
            .Select(b => JsonNode.Parse(b) as JsonObject).Where(o => o?["config"] is JsonObject && o["layers"] is JsonArray)
            .SelectMany(o => o!["layers"]!.AsArray()).Select(l => l!["digest"]!.GetValue<string>()["sha256:".Length..]).ToList();
        Assert.NotEmpty(layers);
        foreach (var layer in layers)
        {
            File.WriteAllBytes(Path.Combine(blobs, layer), [1, 2, 3]);
        }
    }

    [Fact]
    public async Task A_platform_manifest_that_passed_is_not_read_again()
    {
        var layout = Write(Arm64);
        var first = await VerifyAsync(layout);
        SpoilLayers(layout);

        var second = await VerifyAsync(layout);

        Assert.True(first.Ok, string.Join("\n", first.Problems));
        Assert.All(first.Entries, e => Assert.False(e.Recorded));
        Assert.True(second.Ok, string.Join("\n", second.Problems));
        Assert.All(second.Entries, e => Assert.True(e.Recorded));
        Assert.Equal(first.Entries.Select(e => (e.ManifestDigest, e.Path, e.Size, e.Binary!.Report.Identity)), second.Entries.Select(e => (e.ManifestDigest, e.Path, e.Size, e.Binary!.Report.Identity)));
    }

    [Fact]
    public async Task The_same_image_judged_under_other_checks_is_read_again()
    {
        var layout = Write(Arm64);
        await VerifyAsync(layout);
        SpoilLayers(layout);

        var stricter = await VerifyAsync(layout, requireStatic: true);
        var otherPath = await VerifyAsync(layout, path: "/app2");

        foreach (var result in new[] { stricter, otherPath })
        {
            Assert.All(result.Entries, e => Assert.False(e.Recorded));
            Assert.Equal(2, result.Problems.Count); // read again: the spoiled layers are found
        }
    }

    [Fact]
    public async Task A_failure_is_judged_again_every_time_and_never_recorded()
    {
        var wrongArch = Write(Amd64); // an amd64 binary in the arm64 manifest

        var first = await VerifyAsync(wrongArch);
        var again = await VerifyAsync(wrongArch);

        Assert.Equal([false, false], first.Entries.Select(e => e.Recorded));
        Assert.Equal([true, false], again.Entries.Select(e => e.Recorded));
        foreach (var result in new[] { first, again })
        {
            Assert.Contains("does not match expected target architecture arm64", Assert.Single(result.Problems), StringComparison.Ordinal);
        }

        Assert.Single(Directory.GetFiles(Record.Directory));
    }

    [Fact]
    public async Task The_index_is_always_read_so_a_platform_set_change_is_caught()
    {
        var layout = Write(Arm64);
        await VerifyAsync(layout);
        DropFromIndex(layout, "arm64");

        var result = await VerifyAsync(layout);

        Assert.True(Assert.Single(result.Entries).Recorded);
        Assert.Contains("missing linux/arm64", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_pass_is_not_served_for_an_index_that_misstates_the_manifest()
    {
        var layout = Write(Arm64);
        await VerifyAsync(layout);

        // The attack: a new index listing the same manifest with a wrong size (a runtime refuses to pull it).
        EditIndex(layout, entries => entries.First(m => m!["platform"]!["architecture"]!.GetValue<string>() == "arm64")!["size"] = 1);
        var result = await VerifyAsync(layout);

        Assert.False(result.Ok);
        Assert.False(result.Entries.Single(e => e.Platform!.ToString() == "linux/arm64").Recorded);
    }

    [Fact]
    public async Task An_entry_naming_a_runnable_platform_is_verified_whatever_its_annotations()
    {
        var layout = Write(Amd64); // an amd64 binary in the arm64 manifest

        // The attack: the wrong manifest dressed as an attestation, so a verifier skips it while a runtime still runs it.
        EditIndex(layout, entries => entries.First(m => m!["platform"]!["architecture"]!.GetValue<string>() == "arm64")!["annotations"] = new JsonObject { ["vnd.docker.reference.type"] = "attestation-manifest" });
        var result = await VerifyAsync(layout);

        Assert.Contains("does not match expected target architecture arm64", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_reads_like_the_default_is_another_check()
    {
        var entry = new Nuke.CrossBuild.Oci.OciDescriptor { MediaType = "application/vnd.oci.image.manifest.v1+json", Digest = "sha256:" + new string('a', 64), Size = 10, PlatformText = "linux/amd64" };

        Assert.NotEqual(PlatformVerdicts.Policy(entry, "OciLayoutSource", null, true, false), PlatformVerdicts.Policy(entry, "OciLayoutSource", "(entrypoint or command)", true, false));
        Assert.NotEqual(PlatformVerdicts.Policy(entry, "OciLayoutSource", null, true, false), PlatformVerdicts.Policy(entry, "RegistrySource", null, true, false));
        Assert.NotEqual(PlatformVerdicts.Policy(entry, "OciLayoutSource", null, true, false), PlatformVerdicts.Policy(entry, "OciLayoutSource", null, false, false)); // a base's pass
    }

    // The layout's nested index rewritten without one architecture's manifest (index.json pointed at the new index).
    private static void DropFromIndex(string layout, string architecture)
        => EditIndex(layout, entries =>
        {
            foreach (var gone in entries.Where(m => m!["platform"]!["architecture"]!.GetValue<string>() == architecture).ToList())
            {
                entries.Remove(gone);
            }
        });

    // The layout's nested index edited in place (index.json pointed at the edited index).
    private static void EditIndex(string layout, Action<JsonArray> edit)
    {
        var root = JsonNode.Parse(File.ReadAllBytes(Path.Combine(layout, "index.json")))!.AsObject();
        var pointer = root["manifests"]![0]!.AsObject();
        var index = JsonNode.Parse(File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", pointer["digest"]!.GetValue<string>()["sha256:".Length..])))!.AsObject();
        edit(index["manifests"]!.AsArray());
        var bytes = System.Text.Encoding.UTF8.GetBytes(index.ToJsonString());
        var digest = OciLayoutBuilder.Digest(bytes);
        File.WriteAllBytes(Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]), bytes);
        pointer["digest"] = digest;
        pointer["size"] = bytes.Length;
        File.WriteAllText(Path.Combine(layout, "index.json"), root.ToJsonString());
    }
}

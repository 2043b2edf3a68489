using System.Text;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>
/// The signature and summaries as OCI 1.1 referrers, against the in-memory registry: the referrers tag schema where the
/// registry does not answer OCI-Subject, nothing extra where it does, other tools' entries kept.
/// </summary>
public sealed class ReferrersSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string FallbackTag(string digest) => digest.Replace(':', '-');

    [Fact(Timeout = 60_000)]
    public async Task Without_OCI_Subject_the_fallback_tag_of_each_digest_lists_the_manifests_cosigns_tags_hold_each_naming_that_digest_as_subject()
    {
        await using var image = await ReferrersImage.StartAsync();
        using var key = TestKeys.Load(dir);

        var tags = await image.SignAsync(key);

        Assert.Contains(ReferrersImage.IndexFallbackTag, tags);
        Assert.Contains(FallbackTag(ReferrersImage.PlatformDigest), tags);
        var index = await image.EntriesAsync($"manifests/{ReferrersImage.IndexFallbackTag}");
        Assert.Equal([SignatureArtifacts.SignatureArtifactType, SignatureArtifacts.AttestationArtifactType], index.Select(e => e!["artifactType"]!.GetValue<string>()));
        foreach (var (entry, suffix) in index.Zip(["sig", "att"]))
        {
            var manifest = (await image.GetAsync($"manifests/{SignatureArtifacts.Tag(ReferrersImage.IndexDigest, suffix)}"))!;
            Assert.Equal(ReferrersImage.Sha256(manifest), entry!["digest"]!.GetValue<string>());
            Assert.Equal(manifest.Length, entry["size"]!.GetValue<long>());
            var subject = JsonNode.Parse(manifest)!["subject"]!;
            Assert.Equal((ReferrersImage.IndexDigest, ReferrersImage.IndexManifest.Length, ReferrersImage.Index), (subject["digest"]!.GetValue<string>(), subject["size"]!.GetValue<int>(), subject["mediaType"]!.GetValue<string>()));
        }

        var platform = Assert.Single(await image.EntriesAsync($"manifests/{FallbackTag(ReferrersImage.PlatformDigest)}"));
        Assert.Equal("attestation", platform!["annotations"]![SignatureArtifacts.KindAnnotation]!.GetValue<string>());
    }

    [Fact(Timeout = 60_000)]
    public async Task With_OCI_Subject_the_registry_lists_the_referrers_and_no_fallback_tag_is_written()
    {
        await using var image = await ReferrersImage.StartAsync(referrers: true);
        using var key = TestKeys.Load(dir);

        var tags = await image.SignAsync(key);

        Assert.DoesNotContain(ReferrersImage.IndexFallbackTag, tags);
        Assert.DoesNotContain(image.Registry.Tags, t => !t.Contains('.', StringComparison.Ordinal) && t.StartsWith("sha256-", StringComparison.Ordinal));
        var listed = await image.EntriesAsync($"referrers/{ReferrersImage.IndexDigest}");
        Assert.Equal([SignatureArtifacts.AttestationArtifactType, SignatureArtifacts.SignatureArtifactType], listed.Select(e => e!["artifactType"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Single(await image.EntriesAsync($"referrers/{ReferrersImage.PlatformDigest}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Another_tools_referrers_are_kept_as_they_were_and_signing_again_replaces_crossbuilds_own()
    {
        const string Foreign = """{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":10,"artifactType":"application/vnd.example.sbom+json","annotations":{"org.example":"x"}}""";
        const string Stale = """{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","size":10,"annotations":{"io.github.nuke-crossbuild.referrer":"signature"}}""";
        await using var image = await ReferrersImage.StartAsync();
        await image.PutManifestAsync(ReferrersImage.IndexFallbackTag, Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{ReferrersImage.Index}}","manifests":[{{Foreign}},{{Stale}}]}"""), ReferrersImage.Index);
        using var key = TestKeys.Load(dir);

        await image.SignAsync(key);
        await image.SignAsync(key); // ECDSA signatures differ each time: new manifests replace the first signing's

        var entries = await image.EntriesAsync($"manifests/{ReferrersImage.IndexFallbackTag}");
        Assert.Equal(3, entries.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Foreign), entries[0]));
        foreach (var (entry, suffix) in entries.Skip(1).Zip(["sig", "att"]))
        {
            Assert.Equal(ReferrersImage.Sha256((await image.GetAsync($"manifests/{SignatureArtifacts.Tag(ReferrersImage.IndexDigest, suffix)}"))!), entry!["digest"]!.GetValue<string>());
        }
    }
}

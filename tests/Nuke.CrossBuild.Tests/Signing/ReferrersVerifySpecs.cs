using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>
/// The verifier finds the summaries as OCI 1.1 referrers when the .att tag is absent (in-memory registry, both
/// branches), and is not fooled by a referrers index that lists another digest's attestation or too many of them.
/// </summary>
public sealed class ReferrersVerifySpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    // The .att tags are gone (never pushed by this signer, or deleted): only the referrers are left to find.
    private static Task<bool> NoAttTags(HttpContext context)
    {
        if (context.Request.Method == "GET" && context.Request.Path.Value!.EndsWith(".att", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }

    private async Task<(ReferrersImage Image, ImageSignatureVerifier Verifier)> SignedAsync(bool referrers)
    {
        var (priv, pub) = TestKeys.Write(dir);
        var image = await ReferrersImage.StartAsync(NoAttTags, referrers);
        using var key = SigningKey.Load(priv);
        await image.SignAsync(key);
        return (image, new ImageSignatureVerifier(ImageReference.Parse($"{image.Registry.HostPort}/team/app:1"), null, false, VerificationKey.Load(pub), ImageReadLimits.Default));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Without_the_att_tag_the_summaries_are_found_as_referrers_of_the_index_and_of_the_platform(bool referrersApi)
    {
        var (image, verifier) = await SignedAsync(referrersApi);
        await using var _ = image;

        var index = await verifier.SummaryAsync(ReferrersImage.IndexDigest, required: true, TestContext.Current.CancellationToken);
        var platform = await verifier.SummaryAsync(ReferrersImage.PlatformDigest, required: true, TestContext.Current.CancellationToken);

        Assert.Equal(VerificationSummary.Passed, Assert.Single(index)["verificationResult"]!.GetValue<string>());
        Assert.Equal(VerificationSummary.Passed, Assert.Single(platform)["verificationResult"]!.GetValue<string>());
    }

    [Fact(Timeout = 60_000)]
    public async Task Attack_a_fallback_index_listing_another_digests_attestation_is_not_this_digests_summary()
    {
        var (image, verifier) = await SignedAsync(referrers: false);
        await using var _ = image;
        var platformEntries = await image.EntriesAsync($"manifests/{ReferrersImage.PlatformDigest.Replace(':', '-')}");
        await image.PutManifestAsync(ReferrersImage.IndexFallbackTag, Index(platformEntries[0]!.ToJsonString()), ReferrersImage.Index);

        var e = await Assert.ThrowsAsync<SignatureException>(() => verifier.SummaryAsync(ReferrersImage.IndexDigest, required: true, TestContext.Current.CancellationToken));

        Assert.EndsWith("got none there or as a referrer", e.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Attack_a_fallback_index_listing_65_attestations_is_refused_before_any_is_read()
    {
        var (image, verifier) = await SignedAsync(referrers: false);
        await using var _ = image;
        var entry = (await image.EntriesAsync($"manifests/{ReferrersImage.IndexFallbackTag}")).Single(e => e!["artifactType"]!.GetValue<string>() == SignatureArtifacts.AttestationArtifactType)!.ToJsonString();
        await image.PutManifestAsync(ReferrersImage.IndexFallbackTag, Index(string.Join(',', Enumerable.Repeat(entry, 65))), ReferrersImage.Index);

        var e = await Assert.ThrowsAsync<SignatureException>(() => verifier.SummaryAsync(ReferrersImage.IndexDigest, required: true, TestContext.Current.CancellationToken));

        Assert.EndsWith($"the referrers of {ReferrersImage.IndexDigest}: expected at most 64 attestation referrers, got 65", e.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Attack_a_referrer_listed_with_a_digest_its_content_does_not_have_is_refused()
    {
        var (image, verifier) = await SignedAsync(referrers: false);
        await using var _ = image;
        var entries = await image.EntriesAsync($"manifests/{ReferrersImage.IndexFallbackTag}");
        var attestation = entries.Single(e => e!["artifactType"]!.GetValue<string>() == SignatureArtifacts.AttestationArtifactType)!;
        var platform = (await image.EntriesAsync($"manifests/{ReferrersImage.PlatformDigest.Replace(':', '-')}"))[0]!;
        var platformBytes = (await image.GetAsync($"manifests/{platform["digest"]!.GetValue<string>()}"))!;
        await image.PutManifestAsync(attestation["digest"]!.GetValue<string>(), platformBytes, SignatureArtifacts.ManifestMediaType); // the in-memory registry serves any bytes under a digest
        attestation["size"] = platformBytes.Length;
        await image.PutManifestAsync(ReferrersImage.IndexFallbackTag, Index(attestation.ToJsonString()), ReferrersImage.Index);

        var e = await Assert.ThrowsAsync<SignatureException>(() => verifier.SummaryAsync(ReferrersImage.IndexDigest, required: true, TestContext.Current.CancellationToken));

        Assert.Contains($"expected the manifest {attestation["digest"]}, got content of {ReferrersImage.Sha256(platformBytes)}", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Index(string entries) => Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{ReferrersImage.Index}}","manifests":[{{entries}}]}""");
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Tests.Images.Assembly;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>
/// oras and skopeo, as independent judges, read what a signed push wrote to the local registry (distribution 2.8, no
/// referrers API): the signature and the summaries are referrers of the digests they are about (tag schema), and every
/// manifest and blob read back has the digest it was pushed under.
/// </summary>
[Collection(ProcessTemp.Name)]
public sealed class ReferrersJudgeSpecs : IDisposable
{
    private const string Oras = "/usr/bin/oras", Skopeo = "skopeo";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<ToolResult> RunAsync(string tool, params string[] args)
    {
        await Requires.ToolAsync(tool, $"{tool} is an independent judge of what is pushed");
        return await Tool.RunAsync(tool, args, new Dictionary<string, string?> { ["HOME"] = dir.Path }, dir.Path, cancellationToken: TestContext.Current.CancellationToken);
    }

    // The referrers oras lists for a digest: artifactType and digest of each.
    private async Task<List<(string? ArtifactType, string Digest)>> DiscoverAsync(string repository, string digest, params string[] mode)
    {
        var result = await RunAsync(Oras, ["discover", "--plain-http", .. mode, "--format", "json", $"{repository}@{digest}"]);
        Assert.True(result.Succeeded, result.StdErr);
        var manifests = JsonNode.Parse(result.StdOut)!["manifests"]?.AsArray() ?? [];
        return [.. manifests.Select(m => (m!["artifactType"]?.GetValue<string>(), m["digest"]!.GetValue<string>()))];
    }

    // A manifest as oras fetches it, written to a file (the exact bytes).
    private async Task<byte[]> FetchManifestAsync(string reference)
    {
        var file = dir.Combine($"m-{Guid.NewGuid():N}");
        var result = await RunAsync(Oras, "manifest", "fetch", "--plain-http", "--output", file, reference);
        Assert.True(result.Succeeded, result.StdErr);
        return await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
    }

    [Fact(Timeout = 300_000)]
    public async Task Oras_discovers_the_signature_and_each_summary_as_referrers_of_the_digest_they_are_about_and_fetches_the_bytes_pushed()
    {
        var (priv, _) = TestKeys.Write(dir);
        var (image, repository) = await ImageSigningSpecs.PushSignedAsync(dir, priv);
        var signature = await FetchManifestAsync($"{repository}:{SignatureArtifacts.Tag(image.IndexDigest, "sig")}");
        var attestation = await FetchManifestAsync($"{repository}:{SignatureArtifacts.Tag(image.IndexDigest, "att")}");

        var byTag = await DiscoverAsync(repository, image.IndexDigest, "--distribution-spec", "v1.1-referrers-tag");
        var automatic = await DiscoverAsync(repository, image.IndexDigest); // oras tries the referrers API, then the tag schema

        (string?, string)[] expected = [(SignatureArtifacts.SignatureArtifactType, Sha256(signature)), (SignatureArtifacts.AttestationArtifactType, Sha256(attestation))];
        Assert.Equal(expected, byTag);
        Assert.Equal(expected, automatic);
        foreach (var platform in image.Verification.Entries.Select(e => e.ManifestDigest))
        {
            var summary = await FetchManifestAsync($"{repository}:{SignatureArtifacts.Tag(platform, "att")}");
            Assert.Equal([(SignatureArtifacts.AttestationArtifactType, Sha256(summary))], await DiscoverAsync(repository, platform, "--distribution-spec", "v1.1-referrers-tag"));
            Assert.Equal(platform, JsonNode.Parse(summary)!["subject"]!["digest"]!.GetValue<string>());
        }

        var layer = JsonNode.Parse(attestation)!["layers"]![0]!["digest"]!.GetValue<string>();
        var blob = dir.Combine("envelope.json");
        var fetched = await RunAsync(Oras, "blob", "fetch", "--plain-http", "--output", blob, $"{repository}@{layer}");
        Assert.True(fetched.Succeeded, fetched.StdErr);
        var envelope = await File.ReadAllBytesAsync(blob, TestContext.Current.CancellationToken);
        Assert.Equal(layer, Sha256(envelope));
        Assert.Equal(DsseEnvelope.InTotoPayloadType, JsonNode.Parse(envelope)!["payloadType"]!.GetValue<string>());
    }

    [Fact(Timeout = 300_000)]
    public async Task Skopeo_reads_the_signed_index_and_its_signature_manifest_with_the_digests_pushed()
    {
        var (priv, _) = TestKeys.Write(dir);
        var (image, repository) = await ImageSigningSpecs.PushSignedAsync(dir, priv);

        async Task<byte[]> InspectRawAsync(string reference)
        {
            var file = dir.Combine($"s-{Guid.NewGuid():N}");
            var result = await RunAsync("sh", "-c", $"exec {Skopeo} inspect --raw --tls-verify=false \"$1\" > \"$2\"", "sh", $"docker://{reference}", file);
            Assert.True(result.Succeeded, result.StdErr);
            return await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        }

        await Requires.ToolAsync(Skopeo, "skopeo is an independent judge of what is pushed");
        var index = await InspectRawAsync($"{repository}:1");
        var signature = await InspectRawAsync($"{repository}:{SignatureArtifacts.Tag(image.IndexDigest, "sig")}");

        Assert.Equal(image.IndexDigest, Sha256(index));
        var subject = JsonNode.Parse(signature)!["subject"]!;
        Assert.Equal((image.IndexDigest, index.Length), (subject["digest"]!.GetValue<string>(), subject["size"]!.GetValue<int>()));
        var fallback = JsonNode.Parse(await InspectRawAsync($"{repository}:{image.IndexDigest.Replace(':', '-')}"))!["manifests"]!.AsArray();
        Assert.Contains(fallback, e => e!["digest"]!.GetValue<string>() == Sha256(signature));
    }
}

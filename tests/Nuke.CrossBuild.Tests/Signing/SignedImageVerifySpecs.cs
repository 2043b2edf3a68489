using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Tests.Cli;
using Nuke.CrossBuild.Tests.Images.Assembly;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary><c>crossbuild image verify --key [--require-attestation]</c> on the local registry: the good case, then each attack as one line and exit 1.</summary>
[Collection(ProcessTemp.Name)]
public sealed class SignedImageVerifySpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string[] Platforms => ["--platforms", string.Join(',', AssemblyInputs.Platforms.Select(p => p.ToString()))];

    private static (int ExitCode, string StdOut, string StdErr) Verify(params string[] args) => CliRunner.Run(["image", "verify", .. args]);

    [Fact(Timeout = 300_000)]
    public async Task A_signed_image_verifies_with_its_key_and_with_require_attestation_without_reading_layers()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var (image, repository) = await ImageSigningSpecs.PushSignedAsync(dir, priv);
        var reference = $"{repository}:1";

        var clock = Stopwatch.StartNew();
        var full = Verify([reference, "--key", pub, "--static", .. Platforms]);
        var fullTime = clock.Elapsed;
        clock.Restart();
        var trusted = Verify([reference, "--key", pub, "--require-attestation", "--static", .. Platforms]);
        var trustedTime = clock.Elapsed;

        Assert.True(full.ExitCode == 0, full.StdErr);
        Assert.Contains($"signature ok: {repository}@{image.IndexDigest} signed by ECDSA P-256 key", full.StdErr, StringComparison.Ordinal);
        Assert.Contains("ok linux/arm64", full.StdOut, StringComparison.Ordinal); // the layers were read
        Assert.True(trusted.ExitCode == 0, trusted.StdErr);
        Assert.Equal($"ok {repository}@{image.IndexDigest}: signed; 4 verification summaries PASSED (layers not re-read)", trusted.StdOut.Trim());
        TestContext.Current.TestOutputHelper?.WriteLine($"full verify {fullTime.TotalMilliseconds:F0} ms, --require-attestation {trustedTime.TotalMilliseconds:F0} ms");
    }

    [Fact(Timeout = 300_000)]
    public async Task Require_attestation_with_json_reports_what_was_trusted_the_signature_and_each_summarys_subject_and_result()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var (image, repository) = await ImageSigningSpecs.PushSignedAsync(dir, priv);

        var trusted = Verify([$"{repository}:1", "--key", pub, "--require-attestation", "--static", "--json", .. Platforms]);

        Assert.True(trusted.ExitCode == 0, trusted.StdErr);
        var json = JsonNode.Parse(trusted.StdOut)!;
        Assert.Equal($"{repository}@{image.IndexDigest}", (string?)json["image"]);
        Assert.True((bool)json["ok"]! && (bool)json["trusted"]!);
        Assert.Empty(json["problems"]!.AsArray());
        Assert.Equal(AssemblyInputs.Platforms.Select(p => p.ToString()).Order(), json["platforms"]!.AsArray().Select(p => (string)p!).Order());
        Assert.Equal(image.IndexDigest, (string?)json["signature"]!["digest"]);
        Assert.Equal(image.IndexDigest.Replace(':', '-') + ".sig", (string?)json["signature"]!["tag"]);
        Assert.Equal(repository, (string?)json["signature"]!["dockerReference"]);
        var manifests = image.Verification.Entries.Select(e => e.ManifestDigest).ToList();
        Assert.Equal(manifests, json["entries"]!.AsArray().Select(e => (string)e!["manifest"]!));
        var attestations = json["attestations"]!.AsArray();
        Assert.Equal(manifests.Prepend(image.IndexDigest), attestations.Select(a => (string)a!["subject"]!));
        Assert.All(attestations, a => Assert.Equal(("PASSED", "urn:nuke-crossbuild:verifier"), ((string?)a!["result"], (string?)a["verifier"])));
    }

    [Fact(Timeout = 300_000)]
    public async Task Attack_the_wrong_key_is_one_line_and_exit_1()
    {
        var (priv, _) = TestKeys.Write(dir);
        var (_, otherPub) = TestKeys.Write(dir, "other");
        var (image, repository) = await ImageSigningSpecs.PushSignedAsync(dir, priv);

        var result = Verify($"{repository}:1", "--key", otherPub);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{repository}@{image.IndexDigest}: expected a signature by ECDSA P-256 key", OneLine(result.StdErr), StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task Attack_a_tag_moved_to_another_image_with_the_old_signature_copied_is_refused()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var (signed, repository) = await ImageSigningSpecs.PushSignedAsync(dir, priv);
        var (moved, _) = await ImageSigningSpecs.PushSignedAsync(dir, null, repository, "1", epoch: 1); // the tag now names an unsigned image
        using var edit = new RegistryEdit(repository);
        var unsigned = Verify($"{repository}:1", "--key", pub);
        await edit.PutManifestAsync(RegistryEdit.Tag(moved.IndexDigest, "sig"), await edit.GetManifestAsync(RegistryEdit.Tag(signed.IndexDigest, "sig")));

        var copied = Verify($"{repository}:1", "--key", pub);

        Assert.Equal((1, $"{repository}@{moved.IndexDigest}: expected a signature under {RegistryEdit.Tag(moved.IndexDigest, "sig")}, got none (not signed)"), (unsigned.ExitCode, OneLine(unsigned.StdErr)));
        Assert.Equal((1, $"{repository}@{moved.IndexDigest}'s signature: expected a signature of {moved.IndexDigest}, got one of {signed.IndexDigest} (a moved tag or a copied signature)"), (copied.ExitCode, OneLine(copied.StdErr)));
    }

    [Fact(Timeout = 300_000)]
    public async Task Attack_a_tampered_envelope_is_refused()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var (image, repository) = await ImageSigningSpecs.PushSignedAsync(dir, priv);
        var platform = image.Verification.Entries[1].ManifestDigest;
        using var edit = new RegistryEdit(repository);
        var attTag = RegistryEdit.Tag(platform, "att");
        var manifest = JsonNode.Parse(await edit.GetManifestAsync(attTag))!;
        var layer = manifest["layers"]![0]!;
        var envelope = JsonNode.Parse(await edit.GetBlobAsync((string)layer["digest"]!))!;
        var statement = Encoding.UTF8.GetString(Convert.FromBase64String((string)envelope["payload"]!));
        envelope["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(statement.Replace("\"static\":true", "\"static\":false", StringComparison.Ordinal)));
        var blob = Encoding.UTF8.GetBytes(envelope.ToJsonString());
        layer["digest"] = await edit.PutBlobAsync(blob);
        layer["size"] = blob.Length;
        await edit.PutManifestAsync(attTag, Encoding.UTF8.GetBytes(manifest.ToJsonString()));

        var result = Verify($"{repository}:1", "--key", pub, "--require-attestation");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape($"{repository}@{platform}'s attestation: expected a signature by ECDSA P-256 key")}.*got 1 that do not match \\(another key, or the envelope was changed\\)$", OneLine(result.StdErr));
    }

    [Fact(Timeout = 300_000)]
    public async Task Attack_an_attestation_for_another_digest_is_refused()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var (first, repository) = await ImageSigningSpecs.PushSignedAsync(dir, priv);
        var (second, _) = await ImageSigningSpecs.PushSignedAsync(dir, priv, repository, "2", epoch: 1);
        using var edit = new RegistryEdit(repository);
        await edit.PutManifestAsync(RegistryEdit.Tag(second.IndexDigest, "att"), await edit.GetManifestAsync(RegistryEdit.Tag(first.IndexDigest, "att")));

        var result = Verify($"{repository}:2", "--key", pub, "--require-attestation");

        Assert.Equal((1, $"{repository}@{second.IndexDigest}'s attestation: expected a statement about {second.IndexDigest}, got one about {first.IndexDigest}"), (result.ExitCode, OneLine(result.StdErr)));
    }

    [Fact(Timeout = 300_000)]
    public async Task What_cosign_sign_and_cosign_attest_made_is_accepted()
    {
        var (image, repository) = await ImageSigningSpecs.PushSignedAsync(dir, null);
        var (priv, pub) = await TestKeys.CosignPairAsync(dir);
        var at = $"{repository}@{image.IndexDigest}";
        var predicate = dir.Write("vsa.json", "{\"verifier\":{\"id\":\"https://example.com/other\"},\"timeVerified\":\"2026-12-07T00:00:00Z\",\"resourceUri\":\"" + at + "\",\"policy\":{\"uri\":\"p\"},\"verificationResult\":\"PASSED\",\"verifiedLevels\":[]}");
        var sign = await TestKeys.RunCosignAsync(dir, "sign", "--key", priv, "--tlog-upload=false", "--yes", "--allow-insecure-registry", at);
        var attest = await TestKeys.RunCosignAsync(dir, "attest", "--key", priv, "--type", "https://slsa.dev/verification_summary/v1", "--predicate", predicate, "--tlog-upload=false", "--yes", "--allow-insecure-registry", at);
        Assert.True(sign.Succeeded && attest.Succeeded, sign.StdErr + attest.StdErr);

        var result = Verify($"{repository}:1", "--key", pub);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains($"signature ok: {at} signed by ECDSA P-256 key", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("1 verification summaries checked", result.StdErr, StringComparison.Ordinal);

        // The attack: another tool's PASSED summary, signed by the same key, is no crossbuild verdict to skip the layers on.
        var trusted = Verify($"{repository}:1", "--key", pub, "--require-attestation");
        Assert.Equal((1, $"{at}'s attestation: expected a summary by urn:nuke-crossbuild:verifier, got one by https://example.com/other (--require-attestation trusts crossbuild's own verdicts only)"), (trusted.ExitCode, OneLine(trusted.StdErr)));
    }

    [Fact(Timeout = 300_000)]
    public async Task Attack_an_attestation_manifest_of_thousands_of_layers_is_refused_before_any_download()
    {
        var (priv, pub) = TestKeys.Write(dir);
        var (image, repository) = await ImageSigningSpecs.PushSignedAsync(dir, priv);
        using var edit = new RegistryEdit(repository);
        var tag = RegistryEdit.Tag(image.IndexDigest, "att");
        var manifest = JsonNode.Parse(await edit.GetManifestAsync(tag))!.AsObject();
        var layer = manifest["layers"]![0]!;
        manifest["layers"] = new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => layer.DeepClone())]); // one 4 MiB-bounded blob, 5000 times
        await edit.PutManifestAsync(tag, Encoding.UTF8.GetBytes(manifest.ToJsonString()));

        var result = Verify($"{repository}:1", "--key", pub);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("expected at most 64 layers of at most 1 MiB (16 MiB in all), got 5000", OneLine(result.StdErr), StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task Require_attestation_with_another_path_is_a_usage_error()
    {
        var (_, pub) = TestKeys.Write(dir);

        var result = Verify("127.0.0.1:5000/crossbuild-signing/none:1", "--key", pub, "--require-attestation", "--path", "/usr/bin/helper");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("expected no --path, got one", result.StdErr, StringComparison.Ordinal);
    }

    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("crossbuild: ", lines[0], StringComparison.Ordinal);
        return lines[0]["crossbuild: ".Length..].Trim();
    }
}

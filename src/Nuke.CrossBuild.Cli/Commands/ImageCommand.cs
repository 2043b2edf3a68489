using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Signing;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild image verify &lt;image-ref | oci-layout-dir | oci-tar&gt; [--platforms specs] [--static] [--path p] [--insecure] [--json]</c>.</summary>
internal sealed class ImageCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly Argument<string> image = new("image") { Description = "An image reference (registry), an OCI layout directory, or an OCI layout tarball." };
    private readonly Option<string?> platforms = PlatformsOption.ForConsumer("The platforms the index must hold, exactly", "the platforms the index holds (each checked)");
    private readonly Option<bool> requireStatic = new("--static") { Description = "Require each platform's binary to be statically linked." };
    private readonly Option<string?> path = new("--path") { Description = "The file to check in each platform (default: the config's Entrypoint, else Cmd)." };
    private readonly Option<bool> insecure = new("--insecure") { Description = "Allow plain HTTP to a registry that is not on loopback (loopback always may)." };
    private readonly Option<string?> key = new("--key") { Description = "Also check the signature (cosign's .sig) and the verification summaries (.att) against the digests resolved here, with this ECDSA P-256 public key PEM file; a registry reference only." };
    private readonly Option<bool> requireAttestation = new("--require-attestation") { Description = "With --key: require a PASSED verification summary signed by the key for the index and every platform, and trust it instead of re-reading the layers." };
    private readonly Option<bool> json = new("--json") { Description = "Print the outcome as JSON (with --require-attestation: what was trusted too, the signature and each summary's subject and result)." };
    private readonly Option<string?> maxBinary = new("--max-binary-size") { Description = "The largest binary taken out of a layer (default 512M; K, M, G suffixes)." };

    public static Command Create() => new("image", "Work with multi-platform images.") { new ImageCommand().Verify(), ImageBuildCommand.Create(), ImageBakeCommand.Create(), ImageMergeCommand.Create(), ImageAssembleCommand.Create() };

    private Command Verify()
    {
        var verify = new Command("verify", "Check a multi-platform image: the expected platforms, and in each one a binary built for that platform. Every blob is checked against its digest; nothing is extracted.")
        {
            image, platforms, requireStatic, path, insecure, key, requireAttestation, json, maxBinary,
        };
        verify.SetAction(VerifyAsync);
        return verify;
    }

    private async Task<int> VerifyAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var expected = result.GetValue(platforms) is { } specs ? PlatformSelection.Of([specs]).Expand() : null;
        var limits = result.GetValue(maxBinary) is { } size ? ImageReadLimits.Default with { MaxBinaryBytes = ByteSize.Parse(size, "--max-binary-size") } : ImageReadLimits.Default;
        string target = result.GetValue(image)!;
        if (result.GetValue(key) is { } keyPath)
        {
            if (result.GetValue(requireAttestation) && result.GetValue(path) is not null)
            {
                throw new UsageException("--require-attestation trusts the summaries, which checked each image's entrypoint: expected no --path, got one (drop --require-attestation to check another file)");
            }

            var signed = await SignedCheckAsync(result, keyPath, expected, limits, cancellationToken).ConfigureAwait(false);
            if (result.GetValue(requireAttestation))
            {
                await result.InvocationConfiguration.Output.WriteLineAsync(result.GetValue(json)
                    ? TrustedImageJson.ToJson(signed)
                    : CliApp.OneLine($"ok {signed.Image}@{signed.IndexDigest}: signed; {signed.Summaries} verification summaries PASSED (layers not re-read)")).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            target = $"{signed.Image}@{signed.IndexDigest}"; // the full check reads exactly what the signature covers, not the tag again
        }
        else if (result.GetValue(requireAttestation))
        {
            throw new UsageException("--require-attestation trusts signed summaries: expected --key <pub.pem> too");
        }

        using var source = await ImageSources.OpenAsync(target, result.GetValue(insecure), limits: limits, cancellationToken: cancellationToken).ConfigureAwait(false);
        var outcome = await ImageVerifier.VerifyAsync(source, expected, result.GetValue(path), result.GetValue(requireStatic), limits, cancellationToken).ConfigureAwait(false);
        await ReportAsync(outcome, result.GetValue(json), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error).ConfigureAwait(false);
        return outcome.Ok ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    // The signature and the summaries, before anything else is read: a failure is one line (exit 1).
    private async Task<SignedImage> SignedCheckAsync(ParseResult result, string keyPath, IReadOnlyList<Platforms.Platform>? expected, ImageReadLimits limits, CancellationToken cancellationToken)
    {
        var target = result.GetValue(image)!;
        if (ImageSources.IsPath(target) || Directory.Exists(target) || File.Exists(target))
        {
            throw new UsageException($"--key checks what a registry serves: expected an image reference, got the path {target}");
        }

        var publicKey = VerificationKey.Load(keyPath);
        var signed = await SignedImageCheck.VerifyAsync(target, publicKey, result.GetValue(insecure), result.GetValue(requireAttestation), limits, expected, result.GetValue(requireStatic), cancellationToken).ConfigureAwait(false);
        await result.InvocationConfiguration.Error.WriteLineAsync(CliApp.OneLine($"signature ok: {signed.Image}@{signed.IndexDigest} signed by {publicKey}; {signed.Summaries} verification summaries checked")).ConfigureAwait(false);
        return signed;
    }

    private static async Task ReportAsync(ImageVerification outcome, bool json, TextWriter output, TextWriter error)
    {
        if (json)
        {
            await output.WriteLineAsync(ToJson(outcome)).ConfigureAwait(false);
        }
        else
        {
            foreach (var entry in outcome.Entries.Where(e => e.Ok && e.Binary is not null))
            {
                await output.WriteLineAsync(CliApp.OneLine($"ok {entry.Platform} {entry.Path}: {entry.Binary!.Report}")).ConfigureAwait(false);
            }

            if (outcome.Attestations.Count > 0)
            {
                await output.WriteLineAsync($"note: {outcome.Attestations.Count} attestation manifest(s) (unknown/unknown) in the index were not checked").ConfigureAwait(false);
            }
        }

        // Problems carry the image's strings (Entrypoint, paths): each is printed folded and escaped.
        foreach (var problem in outcome.Problems)
        {
            await error.WriteLineAsync(CliApp.OneLine(problem)).ConfigureAwait(false);
        }
    }

    private static string ToJson(ImageVerification outcome) => new JsonObject
    {
        ["image"] = outcome.Image,
        ["ok"] = outcome.Ok,
        ["problems"] = new JsonArray([.. outcome.Problems.Select(p => (JsonNode?)p)]),
        ["platforms"] = new JsonArray([.. outcome.Platforms.Select(p => (JsonNode?)p)]),
        ["attestations"] = new JsonArray([.. outcome.Attestations.Select(p => (JsonNode?)p)]),
        ["entries"] = new JsonArray([.. outcome.Entries.Select(e => (JsonNode?)new JsonObject
        {
            ["platform"] = e.Platform?.ToString(),
            ["manifest"] = e.ManifestDigest,
            ["path"] = e.Path,
            ["ok"] = e.Ok,
            ["problems"] = new JsonArray([.. e.Problems.Select(p => (JsonNode?)p)]),
            ["binary"] = e.Binary is null ? null : VerificationJson.ToNode(e.Binary),
        })]),
    }.ToJsonString(Indented);
}

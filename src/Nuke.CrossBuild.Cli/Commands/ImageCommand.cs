using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild image verify &lt;image-ref | oci-layout-dir | oci-tar&gt; [--platforms specs] [--static] [--path p] [--insecure] [--json]</c>.</summary>
internal static class ImageCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "An image reference (registry), an OCI layout directory, or an OCI layout tarball." };
        var platforms = new Option<string?>("--platforms") { Description = "Platforms the index must hold exactly (specs as for matrix, e.g. common or linux/amd64,linux/arm64)." };
        var requireStatic = new Option<bool>("--static") { Description = "Require each platform's binary to be statically linked." };
        var path = new Option<string?>("--path") { Description = "The file to check in each platform (default: the config's Entrypoint, else Cmd)." };
        var insecure = new Option<bool>("--insecure") { Description = "Allow plain HTTP to a registry that is not on loopback (loopback always may)." };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON." };
        var maxBinary = new Option<string?>("--max-binary-size") { Description = "The largest binary taken out of a layer (default 512M; K, M, G suffixes)." };
        var verify = new Command("verify", "Check a multi-platform image: the expected platforms, and in each one a binary built for that platform. Every blob is checked against its digest; nothing is extracted.")
        {
            image, platforms, requireStatic, path, insecure, json, maxBinary,
        };
        verify.SetAction(async (result, cancellationToken) =>
        {
            var expected = result.GetValue(platforms) is { } specs ? PlatformSpecs.Expand(specs) : null;
            var limits = result.GetValue(maxBinary) is { } size ? ImageReadLimits.Default with { MaxBinaryBytes = ByteSize.Parse(size, "--max-binary-size") } : ImageReadLimits.Default;
            using var source = await ImageSources.OpenAsync(result.GetValue(image)!, result.GetValue(insecure), limits: limits, cancellationToken: cancellationToken).ConfigureAwait(false);
            var outcome = await ImageVerifier.VerifyAsync(source, expected, result.GetValue(path), result.GetValue(requireStatic), limits, cancellationToken).ConfigureAwait(false);
            var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            if (result.GetValue(json))
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

            return outcome.Ok ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return new Command("image", "Work with multi-platform images.") { verify, ImageBuildCommand.Create(), ImageMergeCommand.Create(), ImageAssembleCommand.Create() };
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

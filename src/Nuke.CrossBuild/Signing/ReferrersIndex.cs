using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Registry;

namespace Nuke.CrossBuild.Signing;

// Reading an OCI 1.1 referrers index: the answer of GET /v2/<name>/referrers/<digest>, or the referrers tag schema's
// index under the tag <alg>-<hex>. Bounded and checked like every read here; used to maintain the fallback index when
// signing (Publish.ReferrersFallback) and to find attestations when the .att tag is absent (ImageSignatureVerifier).
internal static class ReferrersIndex
{
    /// <summary>At most this many entries in a referrers index, read or written.</summary>
    public const int MaxEntries = 1024;

    private static readonly HashSet<HttpStatusCode> NotFound = [HttpStatusCode.NotFound];

    /// <summary>The fallback tag of a digest: algorithm (at most 32 characters), '-', encoded part (at most 64).</summary>
    public static string Tag(string digest)
    {
        var parsed = OciDigest.Parse(digest);
        return parsed.Algorithm[..Math.Min(32, parsed.Algorithm.Length)] + "-" + parsed.Encoded[..Math.Min(64, parsed.Encoded.Length)];
    }

    /// <summary>
    /// The entries of a referrers index under a path (a fallback tag's manifest, or the referrers API; none on 404): at most 4 MiB, an OCI index by Content-Type and
    /// by its mediaType, the registry's Docker-Content-Digest (when sent) equal to the bytes' digest, strict JSON, at
    /// most <see cref="MaxEntries"/> entries, each with a media type, a valid digest and a size.
    /// </summary>
    public static async Task<JsonArray> ReadAsync(RegistryClient client, string path, string what, string consequence, bool push, CancellationToken cancellationToken)
    {
        if (await GetAsync(client, path, what, ImageReadLimits.Default.MaxManifestBytes, push, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return [];
        }

        if (found.MediaType != MediaTypes.OciIndex)
        {
            throw new RegistryException($"{what}: expected {MediaTypes.OciIndex}, got {found.MediaType ?? "no Content-Type"}{consequence}", client.Reference.Registry);
        }

        try
        {
            using var json = OciJson.Object(found.Bytes, what);
            var root = json.RootElement;
            var entries = OciJson.Child(root, "manifests", JsonValueKind.Array);
            if (OciJson.Text(root, "mediaType") is { } declared && declared != MediaTypes.OciIndex || entries is not { } list)
            {
                throw new ContentVerificationException($"{what}: expected an OCI index with a manifests array, got mediaType {OciJson.Text(root, "mediaType")}");
            }

            if (list.GetArrayLength() > MaxEntries)
            {
                throw new ContentVerificationException($"{what}: expected at most {MaxEntries} entries, got {list.GetArrayLength()}");
            }

            var result = new JsonArray();
            foreach (var entry in list.EnumerateArray())
            {
                var digest = OciJson.Text(entry, "digest");
                if (OciJson.Text(entry, "mediaType") is null || !OciDigest.TryParse(digest, out _, out _) || OciJson.Child(entry, "size", JsonValueKind.Number) is not { } size || !size.TryGetInt64(out var n) || n < 0)
                {
                    throw new ContentVerificationException($"{what}: expected entries with a mediaType, a digest and a size, got {Shown(entry)}");
                }

                result.Add(JsonNode.Parse(entry.GetRawText()));
            }

            return result;
        }
        catch (ContentVerificationException e)
        {
            throw new RegistryException(e.Message + consequence, client.Reference.Registry, e);
        }
    }

    private static string Shown(JsonElement entry)
    {
        var text = entry.GetRawText().ReplaceLineEndings(" ");
        return text.Length > 120 ? text[..120] + "…" : text;
    }

    // GET a manifest (null on 404), bounded; a Docker-Content-Digest the registry sends must be the bytes' own.
    public static async Task<(byte[] Bytes, string? MediaType)?> GetAsync(RegistryClient client, string path, string? what, long maxBytes, bool push, CancellationToken cancellationToken)
    {
        HttpRequestMessage Create(Uri u)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, u);
            foreach (var type in new[] { MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest })
            {
                request.Headers.Accept.ParseAdd(type);
            }

            return request;
        }

        var name = what ?? $"{client.Name}: {path}";
        using var response = await client.SendAsync(Create, path, $"repository:{client.Reference.Repository}:{(push ? "pull,push" : "pull")}", NotFound, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
        {
            throw new RegistryException($"{name}: expected at most {maxBytes} bytes, got Content-Length {length}; nothing was read", client.Reference.Registry);
        }

        await using var body = await client.BodyAsync(response, path, cancellationToken).ConfigureAwait(false);
        var bytes = await Internal.BoundedRead.AllAsync(body, maxBytes, name, m => new RegistryException(m, client.Reference.Registry), cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } header && header != Digest(header, bytes))
        {
            throw new RegistryException($"{name}: the registry says {header}, expected the digest of what it served ({OciDigest.Sha256(bytes)}); not trusted", client.Reference.Registry);
        }

        return (bytes, response.Content.Headers.ContentType?.MediaType);
    }

    // The bytes' digest in the algorithm the header names (sha256 when it names another one, so it cannot match).
    private static string Digest(string header, byte[] bytes)
        => header.StartsWith("sha512:", StringComparison.Ordinal) ? "sha512:" + Convert.ToHexStringLower(SHA512.HashData(bytes)) : OciDigest.Sha256(bytes).ToString();
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary>
/// A small distribution registry in memory on loopback (Kestrel): blob HEAD/GET, uploads (POST, PATCH with Range,
/// closing or monolithic PUT, the digest checked), manifests by tag and digest, and with <c>referrers</c> the OCI 1.1
/// referrers API (a manifest PUT with a subject answered with <c>OCI-Subject</c>, <c>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;</c>).
/// <see cref="Hostile"/> answers first, for the attacks; every request is recorded by the server.
/// </summary>
internal sealed class InMemoryRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> blobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string MediaType)> manifests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MemoryStream> uploads = new(StringComparer.Ordinal);

    private readonly bool referrers;

    private InMemoryRegistry(Func<HttpContext, Task<bool>>? hostile, bool referrers) => (Hostile, this.referrers) = (hostile, referrers);

    /// <summary>Gets the answer to a request before the registry's own, or null; true means answered.</summary>
    public Func<HttpContext, Task<bool>>? Hostile { get; }

    public LoopbackServer Server { get; private set; } = null!;

    public string HostPort => Server.HostPort;

    /// <summary>Gets the references manifests were pushed under that are not digests.</summary>
    public IReadOnlyList<string> Tags => [.. manifests.Keys.Where(k => !k.Contains(':', StringComparison.Ordinal))];

    public static async Task<InMemoryRegistry> StartAsync(Func<HttpContext, Task<bool>>? hostile = null, bool referrers = false)
    {
        var registry = new InMemoryRegistry(hostile, referrers);
        registry.Server = await LoopbackServer.StartAsync(registry.HandleAsync);
        return registry;
    }

    /// <summary>Whether the path is a closing PUT of a chunked upload (an empty body after PATCHes).</summary>
    public static bool IsClosingPut(HttpContext context) => context.Request.Method == "PUT" && context.Request.Path.Value!.Contains("/blobs/uploads/", StringComparison.Ordinal)
        && context.Request.ContentLength == 0;

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private static string Digest(string algorithm, byte[] bytes)
        => algorithm + ":" + Convert.ToHexStringLower(algorithm == "sha512" ? SHA512.HashData(bytes) : SHA256.HashData(bytes));

    private static async Task<byte[]> BodyAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        return body.ToArray();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Hostile is not null && await Hostile(context))
        {
            return;
        }

        var path = context.Request.Path.Value!;
        if (referrers && path.IndexOf("/referrers/", StringComparison.Ordinal) is > 0 and var r)
        {
            await ServeAsync(context, (Referrers(path[(r + 11)..]), "application/vnd.oci.image.index.v1+json"));
        }
        else if (path.Contains("/blobs/uploads/", StringComparison.Ordinal))
        {
            await UploadAsync(context, path);
        }
        else if (path.IndexOf("/blobs/", StringComparison.Ordinal) is > 0 and var at)
        {
            await ServeAsync(context, blobs.TryGetValue(path[(at + 7)..], out var blob) ? (blob, "application/octet-stream") : null);
        }
        else if (path.IndexOf("/manifests/", StringComparison.Ordinal) is > 0 and var m)
        {
            var reference = path[(m + 11)..];
            if (context.Request.Method == "PUT")
            {
                var bytes = await BodyAsync(context);
                var digest = Digest("sha256", bytes);
                manifests[digest] = manifests[reference] = (bytes, context.Request.ContentType ?? JsonNode.Parse(bytes)?["mediaType"]?.GetValue<string>() ?? string.Empty);
                context.Response.Headers["Docker-Content-Digest"] = digest;
                if (referrers && JsonNode.Parse(bytes)?["subject"]?["digest"]?.GetValue<string>() is { } subject)
                {
                    context.Response.Headers["OCI-Subject"] = subject;
                }

                context.Response.StatusCode = 201;
                return;
            }

            await ServeAsync(context, manifests.TryGetValue(reference, out var manifest) ? manifest : null);
        }
        else
        {
            context.Response.StatusCode = path == "/v2/" ? 200 : 404;
        }
    }

    // The referrers API's answer: an index of the manifests (by digest) whose subject is the digest, with their artifactType and annotations.
    private byte[] Referrers(string digest)
    {
        var found = new JsonArray();
        foreach (var (key, (bytes, mediaType)) in manifests.Where(m => m.Key.Contains(':', StringComparison.Ordinal)).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var manifest = JsonNode.Parse(bytes);
            if (manifest?["subject"]?["digest"]?.GetValue<string>() == digest)
            {
                found.Add(new JsonObject
                {
                    ["mediaType"] = mediaType, ["digest"] = key, ["size"] = bytes.Length,
                    ["artifactType"] = manifest["artifactType"]?.DeepClone(), ["annotations"] = manifest["annotations"]?.DeepClone(),
                });
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = found }.ToJsonString());
    }

    private static async Task ServeAsync(HttpContext context, (byte[] Bytes, string MediaType)? content)
    {
        if (content is not { } found)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = found.MediaType;
        context.Response.ContentLength = found.Bytes.Length;
        context.Response.Headers["Docker-Content-Digest"] = Digest("sha256", found.Bytes);
        if (context.Request.Method != "HEAD")
        {
            await context.Response.Body.WriteAsync(found.Bytes);
        }
    }

    private async Task UploadAsync(HttpContext context, string path)
    {
        var prefix = path[..(path.IndexOf("/blobs/uploads/", StringComparison.Ordinal) + 15)];
        var id = path[prefix.Length..];
        switch (context.Request.Method)
        {
            case "POST":
                id = Guid.NewGuid().ToString("n");
                uploads[id] = new MemoryStream();
                context.Response.Headers.Location = prefix + id;
                context.Response.Headers["Range"] = "0-0";
                context.Response.StatusCode = 202;
                return;
            case "PATCH" or "PUT" when uploads.TryGetValue(id, out var upload):
                var bytes = await BodyAsync(context);
                lock (upload)
                {
                    upload.Write(bytes);
                }

                if (context.Request.Method == "PATCH")
                {
                    context.Response.Headers.Location = prefix + id;
                    context.Response.Headers["Range"] = $"0-{upload.Length - 1}";
                    context.Response.StatusCode = 202;
                    return;
                }

                var digest = context.Request.Query["digest"].ToString();
                var content = upload.ToArray();
                if (Digest(digest.Split(':')[0], content) != digest)
                {
                    context.Response.StatusCode = 400;
                    return;
                }

                blobs[digest] = content;
                uploads.TryRemove(id, out _);
                context.Response.Headers["Docker-Content-Digest"] = digest;
                context.Response.StatusCode = 201;
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }
}

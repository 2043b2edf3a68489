using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>
/// A loopback GitHub (Enterprise-style paths: the API under /api/v3/, uploads under /uploads/) that keeps releases and
/// assets in memory and answers the release endpoints with the shapes of GitHub's published OpenAPI description
/// (release: url, html_url, assets_url, upload_url, id, node_id, tag_name, name, draft, prerelease, assets…; release-asset:
/// url, browser_download_url, id, node_id, name, label, state, content_type, size, download_count…). Requests are recorded.
/// </summary>
internal sealed class LoopbackGitHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, Release> releases = new();
    private int nextId = 100;
    private int uploads;

    private LoopbackGitHub(string token) => Token = token;

    public string Token { get; }

    public LoopbackServer Server { get; private set; } = null!;

    /// <summary>Gets a token that may read but not write (a workflow's GITHUB_TOKEN with contents:read): writes get 403.</summary>
    public string ReadOnlyToken => Token + "_readonly";

    /// <summary>Gets the repository's tags (<c>v1.2.3</c> to begin with).</summary>
    public ISet<string> Tags { get; } = new HashSet<string>(StringComparer.Ordinal) { "v1.2.3" };

    /// <summary>Gets or sets an asset name that another run uploads just before this one does (the upload then meets 422 already_exists).</summary>
    public string? RacedAsset { get; set; }

    /// <summary>Gets or sets the number of the upload (1-based) that fails with 500, or 0.</summary>
    public int FailUpload { get; set; }

    /// <summary>Gets or sets the origin (<c>http://host:port</c>) the releases' upload_url names, or null for this server.</summary>
    public string? UploadOrigin { get; set; }

    /// <summary>Gets or sets the origin the assets' API url names, or null for this server.</summary>
    public string? AssetOrigin { get; set; }

    /// <summary>Gets or sets where an asset download (Accept: application/octet-stream) redirects, or null for this server's storage.</summary>
    public string? DownloadLocation { get; set; }

    /// <summary>Gets or sets whether storage sends headers (Content-Length: 100) and 10 bytes, then stalls until the client gives up.</summary>
    public bool StallDownloads { get; set; }

    /// <summary>Gets or sets whether releases carry their id as a string (<c>"id": "not-a-number"</c>), as a hostile server might.</summary>
    public bool StringIds { get; set; }

    /// <summary>Answers releases with this html_url instead of GitHub's own (a hostile or compromised API).</summary>
    public string? HtmlUrl { get; set; }

    /// <summary>Gets or sets whether the repository's answer sends its headers and part of its body, then stalls.</summary>
    public bool StallRepository { get; set; }

    /// <summary>Gets or sets the repository's description (a huge one tests the answer bound).</summary>
    public string? Description { get; set; }

    /// <summary>Gets every request as the server saw it: Host header, method, path, Authorization.</summary>
    public ConcurrentQueue<(string Host, string Method, string Path, string Authorization)> Seen { get; } = new();

    public IReadOnlyList<Release> Releases => [.. releases.Values];

    public static async Task<LoopbackGitHub> StartAsync(string token)
    {
        var github = new LoopbackGitHub(token);
        github.Server = await LoopbackServer.StartAsync(github.HandleAsync);
        return github;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private static string Root(HttpContext c) => $"http://{c.Request.Host}";

    private async Task HandleAsync(HttpContext c)
    {
        var path = c.Request.Path.Value!;
        var method = c.Request.Method;
        Seen.Enqueue((c.Request.Host.ToString(), method, path, c.Request.Headers.Authorization.ToString()));
        if (path.StartsWith("/downloads/", StringComparison.Ordinal) && StallDownloads)
        {
            c.Response.StatusCode = 200;
            c.Response.ContentLength = 100;
            await c.Response.Body.WriteAsync(new byte[10]);
            await c.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, c.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (path.StartsWith("/downloads/", StringComparison.Ordinal))
        {
            // Storage: no token needed (and none must arrive here).
            var asset = releases.Values.SelectMany(r => r.Assets).Single(a => a.Id == long.Parse(path["/downloads/".Length..], System.Globalization.CultureInfo.InvariantCulture));
            c.Response.StatusCode = c.Request.Headers.Authorization.Count == 0 ? 200 : 400;
            await c.Response.Body.WriteAsync(asset.Content);
            return;
        }

        var authorization = c.Request.Headers.Authorization.ToString();
        if (!authorization.EndsWith(" " + Token, StringComparison.Ordinal) && !authorization.EndsWith(" " + ReadOnlyToken, StringComparison.Ordinal))
        {
            await Json(c, 401, new JsonObject { ["message"] = "Bad credentials", ["documentation_url"] = "https://docs.github.com/rest" });
            return;
        }

        if (method != "GET" && authorization.EndsWith(" " + ReadOnlyToken, StringComparison.Ordinal))
        {
            await Json(c, 403, new JsonObject { ["message"] = "Resource not accessible by integration", ["documentation_url"] = "https://docs.github.com/rest/releases/releases#create-a-release", ["status"] = "403" });
            return;
        }

        var repo = "/repos/acme/shop";
        if (method == "GET" && path == "/api/v3" + repo && StallRepository)
        {
            c.Response.StatusCode = 200;
            c.Response.ContentType = "application/json; charset=utf-8";
            c.Response.ContentLength = 1000;
            await c.Response.Body.WriteAsync("{\"id\": 1296269, "u8.ToArray());
            await c.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, c.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        else if (method == "GET" && path == "/api/v3" + repo)
        {
            await Json(c, 200, new JsonObject { ["id"] = 1296269, ["name"] = "shop", ["full_name"] = "acme/shop", ["private"] = false, ["html_url"] = "https://github.example.com/acme/shop", ["default_branch"] = "main", ["description"] = Description });
        }
        else if (method == "GET" && path.StartsWith($"/api/v3{repo}/git/ref/tags/", StringComparison.Ordinal))
        {
            // git-ref: ref, node_id, url, object { type, sha, url }.
            var tag = Uri.UnescapeDataString(path[$"/api/v3{repo}/git/ref/tags/".Length..]);
            const string sha = "aa218f56b14c9653891f9e74264a383fa43fefbd";
            await (!Tags.Contains(tag) ? NotFound(c) : Json(c, 200, new JsonObject
            {
                ["ref"] = $"refs/tags/{tag}", ["node_id"] = "REF_1", ["url"] = $"{Root(c)}/api/v3{repo}/git/refs/tags/{tag}",
                ["object"] = new JsonObject { ["type"] = "commit", ["sha"] = sha, ["url"] = $"{Root(c)}/api/v3{repo}/git/commits/{sha}" },
            }));
        }
        else if (method == "GET" && path.StartsWith($"/api/v3{repo}/releases/tags/", StringComparison.Ordinal))
        {
            var tag = Uri.UnescapeDataString(path[$"/api/v3{repo}/releases/tags/".Length..]);
            var release = releases.Values.FirstOrDefault(r => r.Tag == tag);
            await (release is null ? NotFound(c) : Json(c, 200, ReleaseJson(c, release)));
        }
        else if (method == "POST" && path == $"/api/v3{repo}/releases")
        {
            var body = JsonNode.Parse(await new StreamReader(c.Request.Body).ReadToEndAsync())!;
            var release = new Release(Interlocked.Increment(ref nextId), body["tag_name"]!.GetValue<string>()) { Name = body["name"]?.GetValue<string>(), Body = body["body"]?.GetValue<string>(), Draft = body["draft"]?.GetValue<bool>() ?? false };
            releases[release.Id] = release;
            await Json(c, 201, ReleaseJson(c, release));
        }
        else if (method == "PATCH" && path.StartsWith($"/api/v3{repo}/releases/", StringComparison.Ordinal) && FindRelease(path, $"/api/v3{repo}/releases/") is { } patched)
        {
            var body = JsonNode.Parse(await new StreamReader(c.Request.Body).ReadToEndAsync())!;
            patched.Draft = body["draft"]?.GetValue<bool>() ?? patched.Draft;
            patched.PublishedAfterUploads = patched.Assets.Count;
            await Json(c, 200, ReleaseJson(c, patched));
        }
        else if (method == "GET" && path.EndsWith("/assets", StringComparison.Ordinal) && FindRelease(path[..^"/assets".Length], $"/api/v3{repo}/releases/") is { } listed)
        {
            await Json(c, 200, new JsonArray([.. listed.Assets.Select(a => (JsonNode)AssetJson(c, a))]));
        }
        else if (path.StartsWith($"/api/v3{repo}/releases/assets/", StringComparison.Ordinal))
        {
            var id = long.Parse(path[$"/api/v3{repo}/releases/assets/".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var owner = releases.Values.FirstOrDefault(r => r.Assets.Any(a => a.Id == id));
            if (owner is null)
            {
                await NotFound(c);
            }
            else if (method == "DELETE")
            {
                owner.Assets.RemoveAll(a => a.Id == id);
                c.Response.StatusCode = 204;
            }
            else if (c.Request.Headers.Accept.ToString().Contains("application/octet-stream", StringComparison.Ordinal))
            {
                c.Response.StatusCode = 302; // to storage, as GitHub does
                c.Response.Headers.Location = DownloadLocation ?? $"{Root(c)}/downloads/{id}";
            }
            else
            {
                await Json(c, 200, AssetJson(c, owner.Assets.Single(a => a.Id == id)));
            }
        }
        else if (method == "POST" && path.StartsWith($"/uploads{repo}/releases/", StringComparison.Ordinal) && FindRelease(path[..^"/assets".Length], $"/uploads{repo}/releases/") is { } target)
        {
            var name = c.Request.Query["name"].ToString();
            using var content = new MemoryStream();
            await c.Request.Body.CopyToAsync(content);
            if (name == RacedAsset)
            {
                RacedAsset = null;
                target.Assets.Add(new Asset(Interlocked.Increment(ref nextId), name, "application/octet-stream", [1, 2, 3]));
            }

            if (Interlocked.Increment(ref uploads) == FailUpload)
            {
                await Json(c, 500, new JsonObject { ["message"] = "Server Error" });
            }
            else if (target.Assets.Any(a => a.Name == name))
            {
                await Json(c, 422, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray((JsonNode)new JsonObject { ["resource"] = "ReleaseAsset", ["code"] = "already_exists", ["field"] = "name" }) });
            }
            else
            {
                var asset = new Asset(Interlocked.Increment(ref nextId), name, c.Request.ContentType ?? "application/octet-stream", content.ToArray());
                target.Assets.Add(asset);
                await Json(c, 201, AssetJson(c, asset));
            }
        }
        else
        {
            await NotFound(c);
        }
    }

    private Release? FindRelease(string path, string prefix)
        => long.TryParse(path[prefix.Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? releases.GetValueOrDefault(id) : null;

    private JsonObject ReleaseJson(HttpContext c, Release r) => new()
    {
        ["url"] = $"{Root(c)}/api/v3/repos/acme/shop/releases/{r.Id}", ["html_url"] = HtmlUrl ?? $"https://github.example.com/acme/shop/releases/tag/{r.Tag}",
        ["assets_url"] = $"{Root(c)}/api/v3/repos/acme/shop/releases/{r.Id}/assets", ["upload_url"] = $"{UploadOrigin ?? Root(c)}/uploads/repos/acme/shop/releases/{r.Id}/assets{{?name,label}}",
        ["tarball_url"] = null, ["zipball_url"] = null, ["id"] = StringIds ? (JsonNode)"not-a-number" : r.Id, ["node_id"] = $"RE_{r.Id}", ["tag_name"] = r.Tag, ["target_commitish"] = "main",
        ["name"] = r.Name, ["body"] = null, ["draft"] = r.Draft, ["prerelease"] = false, ["created_at"] = "2026-12-03T00:00:00Z", ["published_at"] = r.Draft ? null : "2026-12-03T00:00:00Z",
        ["author"] = new JsonObject { ["login"] = "crossbuild-bot", ["id"] = 1 }, ["assets"] = new JsonArray([.. r.Assets.Select(a => (JsonNode)AssetJson(c, a))]),
    };

    private JsonObject AssetJson(HttpContext c, Asset a) => new()
    {
        ["url"] = $"{AssetOrigin ?? Root(c)}/api/v3/repos/acme/shop/releases/assets/{a.Id}", ["browser_download_url"] = $"https://github.example.com/acme/shop/releases/download/x/{a.Name}",
        ["id"] = a.Id, ["node_id"] = $"RA_{a.Id}", ["name"] = a.Name, ["label"] = null, ["state"] = "uploaded", ["content_type"] = a.ContentType,
        ["size"] = a.Content.Length, ["download_count"] = 0, ["created_at"] = "2026-12-03T00:00:00Z", ["updated_at"] = "2026-12-03T00:00:00Z",
    };

    private static Task NotFound(HttpContext c) => Json(c, 404, new JsonObject { ["message"] = "Not Found", ["documentation_url"] = "https://docs.github.com/rest" });

    private static async Task Json(HttpContext c, int status, JsonNode body)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "application/json; charset=utf-8";
        await c.Response.WriteAsync(body.ToJsonString());
    }

    internal sealed class Release(long id, string tag)
    {
        public long Id { get; } = id;

        public string Tag { get; } = tag;

        public string? Name { get; set; }

        public string? Body { get; set; }

        public bool Draft { get; set; }

        /// <summary>Gets how many assets the release had when it was last edited (published).</summary>
        public int PublishedAfterUploads { get; set; } = -1;

        public List<Asset> Assets { get; } = [];
    }

    internal sealed record Asset(long Id, string Name, string ContentType, byte[] Content);
}

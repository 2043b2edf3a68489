using System.Text;
using Microsoft.AspNetCore.Http;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Signing;

/// <summary>
/// A hostile registry serves the referrers fallback index: each answer is refused with one line before anything is
/// written to that tag (another tool's entries are never dropped on the strength of an index that did not check out).
/// </summary>
public sealed class ReferrersAttackSpecs : IDisposable
{
    private const string Entry = """{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":10}""";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    public static TheoryData<string, string> Answers => new()
    {
        { "wrong digest", "the registry says sha256:0000000000000000000000000000000000000000000000000000000000000000, expected the digest of what it served" },
        { "oversized", "expected at most 4194304 bytes, got Content-Length 4194305; nothing was read" },
        { "oversized without length", "4194304" },
        { "too many entries", "expected at most 1024 entries, got 1025" },
        { "bad entry digest", "expected entries with a mediaType, a digest and a size, got {\"mediaType\"" },
        { "negative size", "expected entries with a mediaType, a digest and a size" },
        { "duplicate name", "is not valid JSON" },
        { "a manifest, not an index", "expected application/vnd.oci.image.index.v1+json, got application/vnd.oci.image.manifest.v1+json" },
        { "index type in the header only", "expected an OCI index with a manifests array, got mediaType application/vnd.oci.image.manifest.v1+json" },
    };

    private static string Index(string entries) => $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{{entries}}]}""";

    private static (byte[] Body, string MediaType, string? Digest, bool Length) Serve(string answer) => answer switch
    {
        "wrong digest" => (Encoding.UTF8.GetBytes(Index(Entry)), ReferrersImage.Index, "sha256:" + new string('0', 64), true),
        "oversized" => (new byte[(4 << 20) + 1], ReferrersImage.Index, null, true),
        "oversized without length" => (new byte[(4 << 20) + 1], ReferrersImage.Index, null, false),
        "too many entries" => (Encoding.UTF8.GetBytes(Index(string.Join(',', Enumerable.Repeat(Entry, 1025)))), ReferrersImage.Index, null, true),
        "bad entry digest" => (Encoding.UTF8.GetBytes(Index("""{"mediaType":"x","digest":"sha256:../../etc","size":1}""")), ReferrersImage.Index, null, true),
        "negative size" => (Encoding.UTF8.GetBytes(Index(Entry.Replace("10}", "-1}", StringComparison.Ordinal))), ReferrersImage.Index, null, true),
        "duplicate name" => (Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"manifests":[],"manifests":[{{Entry}}]}"""), ReferrersImage.Index, null, true),
        "a manifest, not an index" => (Encoding.UTF8.GetBytes(Index(Entry)), "application/vnd.oci.image.manifest.v1+json", null, true),
        _ => (Encoding.UTF8.GetBytes(Index(Entry).Replace("image.index.v1", "image.manifest.v1", StringComparison.Ordinal)), ReferrersImage.Index, null, true),
    };

    private static Func<HttpContext, Task<bool>> Hostile(string answer) => async context =>
    {
        if (context.Request.Method != "GET" || !context.Request.Path.Value!.EndsWith($"/manifests/{ReferrersImage.IndexFallbackTag}", StringComparison.Ordinal))
        {
            return false;
        }

        var (body, mediaType, digest, length) = Serve(answer);
        context.Response.ContentType = mediaType;
        if (digest is not null)
        {
            context.Response.Headers["Docker-Content-Digest"] = digest;
        }

        if (length)
        {
            context.Response.ContentLength = body.Length;
        }

        await context.Response.Body.WriteAsync(body);
        return true;
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Answers))]
    public async Task Attack_a_hostile_fallback_index_is_one_line_and_nothing_is_written_to_it(string answer, string expected)
    {
        await using var image = await ReferrersImage.StartAsync(Hostile(answer));
        using var key = TestKeys.Load(dir);

        var e = await Assert.ThrowsAsync<RegistryException>(() => image.SignAsync(key));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain(ReferrersImage.IndexFallbackTag, image.Registry.Tags);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_writer_that_keeps_replacing_the_fallback_index_is_reported_after_three_writes_not_looped_on()
    {
        var writes = 0;
        await using var image = await ReferrersImage.StartAsync(async context =>
        {
            var fallback = context.Request.Path.Value!.EndsWith($"/manifests/{ReferrersImage.IndexFallbackTag}", StringComparison.Ordinal);
            if (fallback && context.Request.Method == "PUT")
            {
                writes++;
                context.Response.StatusCode = 201; // accepted, then "another writer" replaces it before the read-back
                return true;
            }

            if (fallback && context.Request.Method == "GET")
            {
                var body = Encoding.UTF8.GetBytes(Index(Entry));
                context.Response.ContentType = ReferrersImage.Index;
                await context.Response.Body.WriteAsync(body);
                return true;
            }

            return false;
        });
        using var key = TestKeys.Load(dir);

        var e = await Assert.ThrowsAsync<RegistryException>(() => image.SignAsync(key));

        Assert.Equal(3, writes);
        Assert.Contains("was replaced by another writer 3 times in a row", e.Message, StringComparison.Ordinal);
    }
}

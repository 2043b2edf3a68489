using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images;

public sealed class RegistryFuzzSpecs
{
    [Fact(Timeout = 900_000)]
    public async Task Two_thousand_mutated_registry_responses_never_crash_or_hang()
    {
        using var dir = new TempDirectory();
        var layout = Fuzz.Seed(dir, "seed");
        var blobs = Path.Combine(layout, "blobs", "sha256");
        var rootIndex = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "index.json"), TestContext.Current.CancellationToken))!["manifests"]![0]!["digest"]!.GetValue<string>();
        var random = new Random(37);
        var mutation = 0;
        await using var registry = await LoopbackServer.StartAsync(async context =>
        {
            int kind;
            lock (random)
            {
                kind = mutation;
                mutation = random.Next(60); // 0-8 mutate (8, a stall, rarely), the rest answer honestly
            }

            var path = context.Request.Path.Value!;
            var reference = path[(path.LastIndexOf('/') + 1)..];
            var file = Path.Combine(blobs, (reference == "1" ? rootIndex : reference).Replace("sha256:", string.Empty, StringComparison.Ordinal));
            var body = File.Exists(file) ? await File.ReadAllBytesAsync(file) : [];
            context.Response.ContentType = path.Contains("/manifests/", StringComparison.Ordinal) ? JsonNode.Parse(body)?["mediaType"]?.GetValue<string>() ?? "application/json" : "application/octet-stream";
            switch (kind)
            {
                case 0:
                    context.Response.StatusCode = 401;
                    context.Response.Headers.WWWAuthenticate = new[] { "Bearer realm=\"file:///etc/passwd\"", "Bearer realm=\"http://10.1.2.3/t\"", "Bearer", "Basic realm=x", "Negotiate", "Bearer realm=\"https://localhost:1/t\",scope=\"\"" }[Random.Shared.Next(6)];
                    return;
                case 1:
                    context.Response.StatusCode = new[] { 404, 500, 403, 429, 204, 418 }[Random.Shared.Next(6)];
                    await context.Response.WriteAsync("""{"errors":[{"code":"X","message":"line one\nline two"}]}""");
                    return;
                case 2:
                    context.Response.StatusCode = 302;
                    context.Response.Headers.Location = new[] { "http://169.254.169.254/", "ftp://x/", "/v2/team/app/blobs/sha256:00", "https://127.0.0.1:1/x", "\u0000" }[Random.Shared.Next(5)];
                    return;
                case 3:
                    context.Response.ContentLength = body.Length + 10; // promised more than sent
                    await context.Response.Body.WriteAsync(body);
                    return;
                case 4:
                    context.Response.ContentType = "text/html";
                    break;
                case 5:
                    body = Fuzz.Flip(body, Random.Shared, Random.Shared.Next(1, 8));
                    break;
                case 6:
                    body = body.Length == 0 ? body : body[..Random.Shared.Next(body.Length)];
                    break;
                case 7:
                    body = [.. body, .. "garbage"u8.ToArray()];
                    break;
                case 8:
                    await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
                    await context.Response.Body.FlushAsync();
                    await Task.Delay(1000, context.RequestAborted).ContinueWith(_ => { }); // stalls past the idle limit
                    return;
            }

            await context.Response.Body.WriteAsync(body);
        });
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 2000; i++)
        {
            await Fuzz.VerifyOnceAsync(() => new RegistrySource(ImageReference.Parse($"{registry.HostPort}/team/app:1"), new RegistryCredentials("u", "p"), limits: Fuzz.Fast with { IdleTimeout = TimeSpan.FromMilliseconds(150) }), outcomes, $"registry response mutation {i}");
        }

        Assert.True(outcomes.Values.Sum() == 2000 && outcomes.ContainsKey("refused") && outcomes.ContainsKey("ok"), string.Join(", ", outcomes));
    }
}

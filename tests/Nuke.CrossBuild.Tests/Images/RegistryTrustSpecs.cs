using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Oci;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Verification;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// A registry an attacker runs, on loopback (Kestrel): pinned digests are checked, reads are bounded in size and time,
/// and credentials reach only the registry they belong to or a token realm that may have them.
/// </summary>
public sealed class RegistryTrustSpecs : IDisposable
{
    private static readonly RegistryCredentials Login = new("ci", "s3cret-value");
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Layout(OciLayoutBuilder? builder = null) => (builder ?? new OciLayoutBuilder()).Add("linux/arm64", [[LayerEntry.File("app", new ElfFixture { Machine = 183 }.Build())]], ["/app"]).Write(dir.Combine("layout"));

    // Serves an OCI layout the way a registry does: tag "1" is the layout's image index (or the digest given), digests are blobs.
    private static RequestDelegate Serving(string layout, Func<HttpContext, Task<bool>>? before = null, string? tagDigest = null) => async context =>
    {
        if (before is not null && await before(context))
        {
            return;
        }

        var path = context.Request.Path.Value!;
        var blobs = Path.Combine(layout, "blobs", "sha256");
        var rootIndex = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "index.json")))!["manifests"]![0]!["digest"]!.GetValue<string>();
        var reference = path[(path.LastIndexOf('/') + 1)..];
        var digest = reference == "1" ? tagDigest ?? rootIndex : reference;
        var file = Path.Combine(blobs, digest.Replace("sha256:", string.Empty, StringComparison.Ordinal));
        if (!File.Exists(file))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(file);
        context.Response.ContentType = path.Contains("/manifests/", StringComparison.Ordinal)
            ? JsonNode.Parse(bytes)!["mediaType"]?.GetValue<string>() ?? "application/vnd.oci.image.manifest.v1+json"
            : "application/octet-stream";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    };

    private static async Task<ImageVerification> VerifyAsync(string reference, RegistryCredentials? credentials = null, ImageReadLimits? limits = null)
    {
        using var source = new RegistrySource(ImageReference.Parse(reference), credentials, limits: limits);
        return await ImageVerifier.VerifyAsync(source, PlatformSelection.Of(["linux/arm64"]).Expand(), limits: limits, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_image_served_honestly_verifies()
    {
        await using var registry = await LoopbackServer.StartAsync(Serving(Layout()));

        var result = await VerifyAsync($"{registry.HostPort}/team/app:1");

        Assert.True(result.Ok, string.Join("\n", result.Problems));
    }

    [Fact]
    public async Task A_single_docker_schema_2_manifest_pushed_without_an_index_verifies()
    {
        var layout = Layout(new OciLayoutBuilder { EditManifest = m => m["mediaType"] = "application/vnd.docker.distribution.manifest.v2+json" });
        var index = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "blobs", "sha256", JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "index.json"), TestContext.Current.CancellationToken))!["manifests"]![0]!["digest"]!.GetValue<string>()[7..]), TestContext.Current.CancellationToken))!;
        var manifest = index["manifests"]![0]!["digest"]!.GetValue<string>();
        await using var registry = await LoopbackServer.StartAsync(Serving(layout, tagDigest: manifest));

        var result = await VerifyAsync($"{registry.HostPort}/team/app:1");

        Assert.True(result.Ok, string.Join("\n", result.Problems));
    }

    [Fact]
    public async Task A_pinned_reference_answered_with_another_manifest_is_refused()
    {
        var layout = Layout();
        var pinned = "sha256:" + new string('a', 64);
        await using var registry = await LoopbackServer.StartAsync(Serving(layout, async context =>
        {
            if (!context.Request.Path.Value!.EndsWith(pinned, StringComparison.Ordinal))
            {
                return false;
            }

            context.Request.Path = context.Request.Path.Value![..^pinned.Length] + "1"; // answer with the tag's index instead
            return false;
        }));

        var error = await Assert.ThrowsAsync<ContentVerificationException>(() => VerifyAsync($"{registry.HostPort}/team/app@{pinned}"));

        Assert.StartsWith($"{registry.HostPort}/team/app@{pinned}: the registry answered the pinned reference with other content: expected {pinned}, got sha256:", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_chunked_300_MB_manifest_is_cut_off_at_the_limit()
    {
        await using var registry = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/vnd.oci.image.index.v1+json";
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
            for (var i = 0; i < 300 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });

        var error = await Assert.ThrowsAsync<RegistryException>(() => VerifyAsync($"{registry.HostPort}/team/app:1"));

        Assert.Equal($"{registry.HostPort}/team/app:1: the manifest is larger than 4194304 bytes (the limit)", error.Message);
        Assert.Equal(registry.HostPort, error.Registry);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stalled_blob_body_fails_after_the_idle_timeout()
    {
        var layout = Layout();
        using var release = new CancellationTokenSource();
        await using var registry = await LoopbackServer.StartAsync(Serving(layout, async context =>
        {
            if (!context.Request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal))
            {
                return false;
            }

            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync("{"u8.ToArray());
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, release.Token).Token).ContinueWith(_ => { });
            return true;
        }));

        var error = await Assert.ThrowsAsync<RegistryException>(() => VerifyAsync($"{registry.HostPort}/team/app:1", limits: new ImageReadLimits { IdleTimeout = TimeSpan.FromSeconds(1) }));
        await release.CancelAsync();

        Assert.Contains("nothing received for 1 s; the server stalled (read timeout)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://evil.example:8080/token", "is plain HTTP on another host; expected https")]
    [InlineData("file:///etc/passwd", "uses scheme 'file'; expected https")]
    [InlineData("https://10.0.0.1/token", "points at the internal address 10.0.0.1, not the registry")]
    [InlineData("https://[fd00::1]/token", "points at the internal address [fd00::1], not the registry")]
    public async Task A_token_realm_that_may_not_have_the_credentials_is_refused_before_any_request(string realm, string expected)
    {
        await using var registry = await LoopbackServer.StartAsync(Challenging(realm));

        var error = await Assert.ThrowsAsync<RegistryException>(() => VerifyAsync($"{registry.HostPort}/team/app:1", Login));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Login.Secret, error.Message, StringComparison.Ordinal);
        Assert.Single(registry.Requests); // the challenge only: no token request went anywhere
    }

    [Fact]
    public async Task The_registrys_own_loopback_host_may_be_a_plain_http_realm()
    {
        var layout = Layout();
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Login.Username}:{Login.Secret}"));
        LoopbackServer? self = null;
        await using var registry = self = await LoopbackServer.StartAsync(Serving(layout, async context =>
        {
            if (context.Request.Path == "/token")
            {
                context.Response.StatusCode = context.Request.Headers.Authorization == basic ? 200 : 401;
                await context.Response.WriteAsync("""{"token":"T0KEN"}""");
                return true;
            }

            if (context.Request.Headers.Authorization != "Bearer T0KEN")
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{self!.Address}token\",service=\"test\"";
                return true;
            }

            return false;
        }));

        var result = await VerifyAsync($"{registry.HostPort}/team/app:1", Login);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Contains(registry.Requests, r => r.PathAndQuery.StartsWith("/token?service=test&scope=repository%3Ateam%2Fapp%3Apull", StringComparison.Ordinal) && r.Authorization == basic);
    }

    [Fact]
    public async Task A_realm_that_cannot_be_reached_is_one_line()
    {
        // The registry's own host and port as an https realm: the registry speaks plain HTTP, so the token service cannot
        // be reached (a realm on another port or name of an internal address is refused before any connection).
        LoopbackServer? self = null;
        await using var registry = self = await LoopbackServer.StartAsync(context => Challenging($"https://{self!.HostPort}/token")(context));

        var error = await Assert.ThrowsAsync<RegistryException>(() => VerifyAsync($"{registry.HostPort}/team/app:1"));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"cannot reach the token service at https://{registry.HostPort} (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_another_host_does_not_carry_the_authorization()
    {
        var layout = Layout();
        await using var storage = await LoopbackServer.StartAsync(Serving(layout));
        await using var registry = await LoopbackServer.StartAsync(Serving(layout, context =>
        {
            if (context.Request.Headers.Authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Login.Username}:{Login.Secret}")))
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"registry\"";
                return Task.FromResult(true);
            }

            if (context.Request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = new Uri(storage.Address, context.Request.Path).ToString();
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }));

        var result = await VerifyAsync($"{registry.HostPort}/team/app:1", Login);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.NotEmpty(storage.Requests);
        Assert.All(storage.Requests, r => Assert.Equal(string.Empty, r.Authorization));
        Assert.Contains(registry.Requests, r => r.Authorization.StartsWith("Basic ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redirect_to_an_internal_address_of_another_host_is_refused()
    {
        await using var registry = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data/";
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<RegistryException>(() => VerifyAsync($"{registry.HostPort}/team/app:1"));

        Assert.Contains("refusing a redirect to the internal address 169.254.169.254", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loopback_is_a_parsed_host_never_a_prefix()
    {
        Assert.True(ImageReference.Parse("localhost:5000/app").IsLoopback);
        Assert.True(ImageReference.Parse("127.0.0.1:5000/app").IsLoopback);
        Assert.True(ImageReference.Parse("127.1.2.3/app").IsLoopback);
        Assert.False(ImageReference.Parse("localhost.example.com/app").IsLoopback);
        Assert.False(ImageReference.Parse("localhost.example.com:5000/app").IsLoopback);
        Assert.False(ImageReference.Parse("127.0.0.1.nip.io/app").IsLoopback);
    }

    [Fact]
    public async Task Environment_credentials_belong_to_the_one_registry_named_and_need_it_named()
    {
        var ct = TestContext.Current.CancellationToken;
        string? Env(string name, string? server) => name switch
        {
            RegistryCredentials.UsernameVariable => "u",
            RegistryCredentials.PasswordVariable => "p",
            RegistryCredentials.ServerVariable => server,
            "DOCKER_CONFIG" => dir.Path,
            _ => null,
        };

        var forGhcr = await RegistryCredentials.FindAsync("ghcr.io", n => Env(n, "ghcr.io"), cancellationToken: ct);
        var forQuay = await RegistryCredentials.FindAsync("quay.io", n => Env(n, "ghcr.io"), cancellationToken: ct);
        var hub = await RegistryCredentials.FindAsync("docker.io", n => Env(n, "index.docker.io"), cancellationToken: ct);
        var unnamed = await Assert.ThrowsAsync<CredentialException>(() => RegistryCredentials.FindAsync("ghcr.io", n => Env(n, null), cancellationToken: ct));

        Assert.Equal(new RegistryCredentials("u", "p"), forGhcr);
        Assert.Null(forQuay);
        Assert.Equal(new RegistryCredentials("u", "p"), hub);
        Assert.Contains("CROSSBUILD_REGISTRY_SERVER is not", unnamed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\"p\"", unnamed.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_credential_helper_that_hangs_is_stopped_after_its_time_limit()
    {
        var bin = dir.Combine("bin");
        Directory.CreateDirectory(bin);
        var helper = Path.Combine(bin, "docker-credential-hang");
        await File.WriteAllTextAsync(helper, "#!/bin/sh\nexec sleep 60\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(helper, (UnixFileMode)Convert.ToInt32("755", 8));
        dir.Write("config.json", """{"credsStore":"hang"}""");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<CredentialException>(() => RegistryCredentials.FindAsync("ghcr.io", n => n switch { "DOCKER_CONFIG" => dir.Path, "PATH" => bin, _ => null }, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken));

        Assert.Equal("the docker credential helper docker-credential-hang did not answer within 1 s", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }

    private static RequestDelegate Challenging(string realm) => context =>
    {
        context.Response.StatusCode = 401;
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realm}\",service=\"evil\"";
        return Task.CompletedTask;
    };
}

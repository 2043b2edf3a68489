using System.Net;
using System.Text;
using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Registry;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>The registry client's auth handshake, against a scripted HTTP peer (the real registry is covered by the engine tests).</summary>
public sealed class RegistrySourceSpecs
{
    private sealed class ScriptedRegistry : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var auth = request.Headers.Authorization?.ToString() ?? "-";
            Requests.Add($"{request.RequestUri} {auth}");
            if (request.RequestUri!.Host == "auth.example")
            {
                var expectedBasic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:s3cret"));
                return Task.FromResult(auth == expectedBasic
                    ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"token":"T0KEN"}""") }
                    : new HttpResponseMessage(HttpStatusCode.Unauthorized));
            }

            if (auth != "Bearer T0KEN")
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.WwwAuthenticate.ParseAdd("Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:team/app:pull\"");
                return Task.FromResult(challenge);
            }

            var ok = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"schemaVersion":2,"manifests":[]}""") };
            ok.Content.Headers.ContentType = new("application/vnd.oci.image.index.v1+json");
            return Task.FromResult(ok);
        }
    }

    [Fact]
    public async Task A_bearer_challenge_is_answered_with_a_token_fetched_with_the_credentials()
    {
        using var registry = new ScriptedRegistry();
        using var source = new RegistrySource(ImageReference.Parse("registry.example/team/app:1"), new RegistryCredentials("ci", "s3cret"), handler: registry);

        var (mediaType, _) = await source.GetRootAsync(TestContext.Current.CancellationToken);

        Assert.Equal("application/vnd.oci.image.index.v1+json", mediaType);
        Assert.Equal(3, registry.Requests.Count);
        Assert.StartsWith("https://registry.example/v2/team/app/manifests/1 -", registry.Requests[0], StringComparison.Ordinal);
        Assert.StartsWith("https://auth.example/token?service=registry.example&scope=repository%3Ateam%2Fapp%3Apull Basic ", registry.Requests[1], StringComparison.Ordinal);
        Assert.EndsWith("Bearer T0KEN", registry.Requests[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_give_a_one_line_error_without_the_secret()
    {
        using var registry = new ScriptedRegistry();
        using var source = new RegistrySource(ImageReference.Parse("registry.example/team/app:1"), new RegistryCredentials("ci", "wrong"), handler: registry);

        var error = await Assert.ThrowsAsync<RegistryException>(() => source.GetRootAsync(TestContext.Current.CancellationToken));

        Assert.Contains("token service at auth.example answered 401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_never_print_their_secret()
    {
        Assert.Equal("ci:***", new RegistryCredentials("ci", "s3cret").ToString());
    }

    [Fact]
    public async Task Credentials_come_from_the_environment_or_the_docker_config()
    {
        using var dir = new Infra.TempDirectory();
        dir.Write("config.json", """{"auths":{"ghcr.io":{"auth":"dXNlcjpwYXNz"}}}""");

        var ct = TestContext.Current.CancellationToken;
        var fromEnv = await RegistryCredentials.FindAsync("ghcr.io", n => n switch { "CROSSBUILD_REGISTRY_USERNAME" => "u", "CROSSBUILD_REGISTRY_PASSWORD" => "p", "CROSSBUILD_REGISTRY_SERVER" => "ghcr.io", _ => null }, cancellationToken: ct);
        var fromConfig = await RegistryCredentials.FindAsync("ghcr.io", n => n == "DOCKER_CONFIG" ? dir.Path : null, cancellationToken: ct);
        var none = await RegistryCredentials.FindAsync("quay.io", n => n == "DOCKER_CONFIG" ? dir.Path : null, cancellationToken: ct);

        Assert.Equal(new RegistryCredentials("u", "p"), fromEnv);
        Assert.Equal(new RegistryCredentials("user", "pass"), fromConfig);
        Assert.Null(none);
    }
}

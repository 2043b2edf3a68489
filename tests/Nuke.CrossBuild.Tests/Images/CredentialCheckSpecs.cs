using System.Text;
using Nuke.CrossBuild.Registry;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>
/// Where a registry login comes from and where it may go, tested directly (no server): the environment's login only
/// for the registry it names, the docker config's entries only under this registry's keys, Docker Hub's aliases as one
/// registry, and hosts judged as parsed addresses. Written to kill the mutants <c>./build.sh Mutate</c> found surviving.
/// </summary>
public sealed class CredentialCheckSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData("ghcr.io", "GHCR.IO/")]
    [InlineData("https://ghcr.io/v2/", "ghcr.io")]
    [InlineData("HTTP://ghcr.io", " ghcr.io ")]
    [InlineData("docker.io", "registry-1.docker.io")]
    [InlineData("index.docker.io", "https://index.docker.io/v1/")]
    [InlineData("index.docker.io", "docker.io")]
    [InlineData("registry-1.docker.io", "index.docker.io")]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000")]
    public void Spellings_of_one_registry_are_the_same_registry(string a, string b)
    {
        Assert.True(RegistryCredentials.SameRegistry(a, b));
        Assert.True(RegistryCredentials.SameRegistry(b, a));
    }

    [Theory]
    [InlineData("ghcr.io", "ghcr.io.evil.example")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5001")]
    [InlineData("127.0.0.1:5000", "127.0.0.1")]
    [InlineData("docker.io", "quay.io")]
    [InlineData("evil.example/ghcr.io", "ghcr.io")]
    [InlineData("docker.io", "")]
    [InlineData("index.docker.io", "")]
    public void Another_host_or_port_is_another_registry(string a, string b) => Assert.False(RegistryCredentials.SameRegistry(a, b));

    [Fact]
    public async Task No_registry_is_an_argument_error_not_a_crash_further_on()
    {
        Assert.Throws<ArgumentNullException>(() => RegistryCredentials.SameRegistry(null!, "ghcr.io"));
        Assert.Throws<ArgumentNullException>(() => RegistryCredentials.SameRegistry("ghcr.io", null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => RegistryCredentials.FindAsync(null!, Env(), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_environments_login_needs_both_parts_and_a_server_that_is_not_blank()
    {
        var ct = TestContext.Current.CancellationToken;

        var noPassword = await RegistryCredentials.FindAsync("ghcr.io", Env("u", "", "ghcr.io"), cancellationToken: ct);
        var noUser = await RegistryCredentials.FindAsync("ghcr.io", Env("", "p", "ghcr.io"), cancellationToken: ct);
        var padded = await RegistryCredentials.FindAsync("ghcr.io", Env("u", "p", "  ghcr.io  "), cancellationToken: ct);
        var blank = await Assert.ThrowsAsync<CredentialException>(() => RegistryCredentials.FindAsync("ghcr.io", Env("u", "p", "   "), cancellationToken: ct));

        Assert.Null(noPassword);
        Assert.Null(noUser);
        Assert.Equal(new RegistryCredentials("u", "p"), padded);
        Assert.Equal("CROSSBUILD_REGISTRY_USERNAME/CROSSBUILD_REGISTRY_PASSWORD are set but CROSSBUILD_REGISTRY_SERVER is not: set it to the one registry they belong to (e.g. ghcr.io); a login is never offered to every registry", blank.Message);
    }

    [Fact]
    public async Task A_docker_config_login_is_found_only_under_this_registrys_keys_and_its_secret_may_hold_colons()
    {
        dir.Write("config.json", Config(("quay.io", "other:login"), ("http://127.0.0.1:5000", "ci:s3cret:with:colons")));
        var ct = TestContext.Current.CancellationToken;

        var local = await RegistryCredentials.FindAsync("127.0.0.1:5000", Env(), cancellationToken: ct);
        var ghcr = await RegistryCredentials.FindAsync("ghcr.io", Env(), cancellationToken: ct);

        Assert.Equal(new RegistryCredentials("ci", "s3cret:with:colons"), local);
        Assert.Null(ghcr);
    }

    [Theory]
    [InlineData("docker.io", "https://index.docker.io/v1/")]
    [InlineData("registry-1.docker.io", "https://index.docker.io/v1/")]
    [InlineData("docker.io", "docker.io")]
    [InlineData("index.docker.io", "index.docker.io")]
    public async Task Docker_hub_is_looked_up_under_the_keys_docker_login_writes(string registry, string key)
    {
        dir.Write("config.json", Config((key, "hub:token")));

        var found = await RegistryCredentials.FindAsync(registry, Env(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new RegistryCredentials("hub", "token"), found);
    }

    [Fact]
    public async Task A_login_docker_stored_under_the_registrys_https_url_is_found()
    {
        dir.Write("config.json", Config(("https://ghcr.io", "ci:token")));

        var found = await RegistryCredentials.FindAsync("ghcr.io", Env(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new RegistryCredentials("ci", "token"), found);
    }

    [Fact]
    public async Task An_auth_entry_without_a_colon_is_no_login()
    {
        dir.Write("config.json", Config(("ghcr.io", "no-colon")));

        Assert.Null(await RegistryCredentials.FindAsync("ghcr.io", Env(), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("""{"auths":"not an object"}""")]
    [InlineData("""{"auths":{"ghcr.io":["auth"]}}""")]
    [InlineData("""{"credHelpers":[],"credsStore":7,"auths":{"ghcr.io":{"auth":null}}}""")]
    [InlineData("[]")]
    public async Task A_docker_config_with_sections_of_the_wrong_type_holds_no_login(string config)
    {
        dir.Write("config.json", config);

        Assert.Null(await RegistryCredentials.FindAsync("ghcr.io", Env(), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_docker_config_the_config_under_home_is_read()
    {
        dir.Write(".docker/config.json", Config(("ghcr.io", "home:login")));

        var found = await RegistryCredentials.FindAsync("ghcr.io", name => name == "HOME" ? dir.Path : null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new RegistryCredentials("home", "login"), found);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"auths":{"ghcr.io":{"auth":"%%%not-base64"}}}""")]
    public async Task An_unreadable_docker_config_is_one_line_naming_the_file(string config)
    {
        var path = dir.Write("config.json", config);

        var error = await Assert.ThrowsAsync<CredentialException>(() => RegistryCredentials.FindAsync("ghcr.io", Env(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith($"cannot read credentials from {path}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_credential_helper_named_for_this_registry_answers_before_the_auths_entry()
    {
        var bin = Helper("pass", """{"Username":"helper","Secret":"from-helper"}""");
        Helper("store", """{"Username":"store","Secret":"from-the-store"}""");
        dir.Write("config.json", """{"credsStore":"store","credHelpers":{"quay.io":"other","ghcr.io":"pass"},"auths":{"ghcr.io":{"auth":"YTpi"}}}""");

        var found = await RegistryCredentials.FindAsync("ghcr.io", Env(path: bin), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new RegistryCredentials("helper", "from-helper"), found);
    }

    [Theory]
    [InlineData("""{"Username":"helper"}""")]
    [InlineData("""{"Username":"helper","Secret":42}""")]
    public async Task A_helper_answer_without_a_secret_falls_back_to_the_auths_entry(string answer)
    {
        var bin = Helper("partial", answer);
        dir.Write("config.json", """{"credsStore":"partial","auths":{"ghcr.io":{"auth":"YTpi"}}}""");

        var found = await RegistryCredentials.FindAsync("ghcr.io", Env(path: bin), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new RegistryCredentials("a", "b"), found);
    }

    [Fact]
    public async Task A_helper_is_asked_get_with_docker_hubs_server_url_on_its_input()
    {
        var bin = Helper("hub", """{"Username":"hub","Secret":"from-helper"}""", server: "https://index.docker.io/v1/");
        dir.Write("config.json", """{"credsStore":"hub"}""");

        var found = await RegistryCredentials.FindAsync("docker.io", Env(path: bin), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new RegistryCredentials("hub", "from-helper"), found);
    }

    [Fact]
    public async Task A_missing_helper_or_one_printing_no_json_is_one_line()
    {
        var bin = Helper("garbage", "not json at all");
        var ct = TestContext.Current.CancellationToken;
        dir.Write("config.json", """{"credsStore":"absent"}""");
        var missing = await Assert.ThrowsAsync<CredentialException>(() => RegistryCredentials.FindAsync("ghcr.io", Env(path: bin), cancellationToken: ct));
        dir.Write("config.json", """{"credsStore":"garbage"}""");
        var garbage = await Assert.ThrowsAsync<CredentialException>(() => RegistryCredentials.FindAsync("ghcr.io", Env(path: bin), cancellationToken: ct));

        Assert.Equal("the docker config names the credential helper 'absent', but docker-credential-absent is not on PATH", missing.Message);
        Assert.Equal("the docker credential helper docker-credential-garbage printed something other than JSON", garbage.Message);
    }

    [Fact]
    public void A_login_printed_shows_the_user_and_never_the_secret()
    {
        Assert.Equal("ci:***", new RegistryCredentials("ci", "s3cret").ToString());
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LocalHost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.9.9.9", true)]
    [InlineData("[::1]", true)]
    [InlineData("::1", true)]
    [InlineData("localhost.example.com", false)]
    [InlineData("128.0.0.1", false)]
    [InlineData("::2", false)]
    public void Loopback_is_exactly_localhost_or_a_loopback_address(string host, bool expected) => Assert.Equal(expected, RegistryHosts.IsLoopback(host));

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.15.0.1", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("192.169.1.1", false)]
    [InlineData("169.254.169.254", true)]
    [InlineData("169.253.1.1", false)]
    [InlineData("0.0.0.0", true)]
    [InlineData("0.1.2.3", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("11.0.0.1", false)]
    [InlineData("::", true)]
    [InlineData("[::1]", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fec0::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("2001:db8::1", false)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("::ffff:8.8.8.8", false)]
    [InlineData("internal.example", false)]
    [InlineData("localhost", true)]
    [InlineData("LocalHost.", true)]
    [InlineData("registry.localhost", true)]
    [InlineData("metadata.google.internal", true)]
    [InlineData("printer.local", true)]
    [InlineData("router.home.arpa", true)]
    [InlineData("localhost.example.com", false)]
    [InlineData("example.internal.com", false)]
    public void Internal_addresses_are_the_private_loopback_link_local_and_unspecified_ranges(string host, bool expected)
        => Assert.Equal(expected, RegistryHosts.IsInternalAddress(host));

    [Theory]
    [InlineData("ghcr.io", "ghcr.io")]
    [InlineData("127.0.0.1:5000", "127.0.0.1")]
    [InlineData("[::1]:5000", "[::1]")]
    [InlineData("[::1", "[::1")]
    [InlineData("::1", "::1")]
    [InlineData(":5000", ":5000")]
    public void The_host_of_a_registry_is_split_from_its_port(string registry, string host) => Assert.Equal(host, RegistryHosts.HostOf(registry));

    [Fact]
    public void A_bearer_challenge_is_read_into_its_parameters()
    {
        var parameters = AuthChallenge.Parse(""" , realm="https://auth.example/token?a=1,b=2",Service = registry.example ,scope="repository:app:pull" """);

        Assert.Equal("https://auth.example/token?a=1,b=2", parameters["realm"]);
        Assert.Equal("registry.example", parameters["SERVICE"]);
        Assert.Equal("repository:app:pull", parameters["scope"]);
        Assert.Equal(3, parameters.Count);
    }

    [Fact]
    public void A_challenge_with_an_unclosed_quote_or_a_bare_word_ends_there()
    {
        Assert.Equal("https://auth.example/token", AuthChallenge.Parse("""realm="https://auth.example/token""")["realm"]);
        Assert.Equal(new Dictionary<string, string> { ["realm"] = "r" }, AuthChallenge.Parse("""realm=r, junk"""));
        Assert.Empty(AuthChallenge.Parse("   "));
        Assert.Equal("", AuthChallenge.Parse("realm=")["realm"]);
        Assert.Equal("r", AuthChallenge.Parse("=x,realm=r")["realm"]);
        Assert.Equal("", AuthChallenge.Parse("realm=\"")["realm"]);
    }

    private Func<string, string?> Env(string? user = null, string? password = null, string? server = null, string? path = null) => name => name switch
    {
        RegistryCredentials.UsernameVariable => user,
        RegistryCredentials.PasswordVariable => password,
        RegistryCredentials.ServerVariable => server,
        "DOCKER_CONFIG" => dir.Path,
        "PATH" => path,
        _ => null,
    };

    private static string Config(params (string Key, string Login)[] auths)
        => "{\"auths\":{" + string.Join(',', auths.Select(a => $"\"{a.Key}\":{{\"auth\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(a.Login))}\"}}")) + "}}";

    // A docker-credential-<name> that answers only "get" for the server expected on its input (and fails otherwise).
    private string Helper(string name, string answer, string server = "ghcr.io")
    {
        var bin = dir.Combine("bin");
        Directory.CreateDirectory(bin);
        var helper = Path.Combine(bin, "docker-credential-" + name);
        File.WriteAllText(helper, $"#!/bin/sh\n[ \"$1\" = get ] && [ \"$(cat)\" = '{server}' ] || exit 1\ncat <<'EOF'\n{answer}\nEOF\n");
        File.SetUnixFileMode(helper, (UnixFileMode)Convert.ToInt32("755", 8));
        return bin;
    }
}

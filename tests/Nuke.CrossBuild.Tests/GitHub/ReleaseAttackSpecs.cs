using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Nuke.CrossBuild.Publish.Releases;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Verification;

namespace Nuke.CrossBuild.Tests.GitHub;

/// <summary>
/// Hostile repositories, tags and servers against <c>github release</c> (security review 2026-12-07: M1, L4–L8): each attack
/// ends in one line, and neither a secret nor the token goes anywhere it should not. The binaries are small ELF files, so no Go is needed.
/// </summary>
public sealed class ReleaseAttackSpecs : IDisposable
{
    private const string Token = "ghs_attackToken0123456789abcdef";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Source(string binary = "hello")
    {
        var source = dir.Combine("src");
        Directory.CreateDirectory(Path.Combine(source, "bin", "linux_amd64"));
        File.WriteAllBytes(Path.Combine(source, "bin", "linux_amd64", binary), new ElfFixture { Machine = 62 }.Build());
        dir.Write("src/README.md", "# hello\n");
        return source;
    }

    private static ReleaseSettings Settings(string source, LoopbackGitHub github, string tag = "v1.2.3") => new ReleaseSettings()
        .SetRelease("acme/shop", tag).SetPlatforms("linux/amd64").SetBinaries("bin/{os}_{arch}[_{variant}]/{name}")
        .SetSourceDirectory(source).SetEpoch(1_700_000_000).SetApiUrl(github.Server.Address);

    private static Task<ReleaseResult> PublishAsync(ReleaseSettings settings, string token = Token, TimeSpan? bodyTimeout = null)
        => GitHubReleaseTasks.PublishAsync(settings, token, null, bodyTimeout ?? TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

    private static void OneLine(string message) => Assert.DoesNotContain(message, c => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085');

    [Fact(Timeout = 60_000)]
    public async Task A_license_linked_to_the_environment_or_a_readme_linked_to_a_secret_is_refused_and_never_archived()
    {
        var source = Source();
        var secret = dir.Write("secret.txt", "TOP-SECRET-VALUE\n");
        File.Delete(Path.Combine(source, "README.md"));
        File.CreateSymbolicLink(Path.Combine(source, "LICENSE"), "/proc/self/environ");
        File.CreateSymbolicLink(Path.Combine(source, "README.md"), secret);
        await using var github = await LoopbackGitHub.StartAsync(Token);

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(Settings(source, github)));

        OneLine(error.Message);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Empty(github.Seen);
        var written = Directory.Exists(Path.Combine(source, "artifacts")) ? Directory.GetFiles(Path.Combine(source, "artifacts"), "*", SearchOption.AllDirectories) : [];
        foreach (var file in written)
        {
            var text = Encoding.Latin1.GetString(file.EndsWith(".tar.gz", StringComparison.Ordinal) ? Gunzip(file) : File.ReadAllBytes(file));
            Assert.DoesNotContain("TOP-SECRET-VALUE", text, StringComparison.Ordinal);
            Assert.DoesNotContain("PATH=", text, StringComparison.Ordinal); // /proc/self/environ is the test process's own environment
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task An_archive_source_longer_than_its_size_is_refused_and_no_archive_is_left()
    {
        // procfs says 0 bytes and then gives the whole environment: the archive must not hold a size-0 header followed by data.
        var output = dir.Combine("out", "x.tar.gz");
        Directory.CreateDirectory(dir.Combine("out"));

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => ReleaseArchive.WriteAsync(output, [("/proc/self/environ", "LICENSE", false)], 0, zip: false, TestContext.Current.CancellationToken));
        var zip = await Assert.ThrowsAnyAsync<CrossBuildException>(() => ReleaseArchive.WriteAsync(output + ".zip", [("/proc/self/environ", "LICENSE", false)], 0, zip: true, TestContext.Current.CancellationToken));

        OneLine(error.Message);
        OneLine(zip.Message);
        Assert.Empty(Directory.GetFiles(dir.Combine("out")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Written_archives_are_read_back_and_hold_exactly_the_files_and_sizes_given()
    {
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);

        await PublishAsync(Settings(source, github));

        var archive = github.Releases.Single().Assets.Single(a => a.Name.EndsWith(".tar.gz", StringComparison.Ordinal));
        using var reader = new TarReader(new GZipStream(new MemoryStream(archive.Content), CompressionMode.Decompress));
        var entries = new List<(string, long)>();
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add((entry.Name, entry.Length));
        }

        Assert.Equal([("README.md", 8L), ("hello", new FileInfo(Path.Combine(source, "bin", "linux_amd64", "hello")).Length)], entries);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("v1/../../../../escaped")]
    [InlineData("v1.2.3/../../x")]
    [InlineData("v1\\..\\..\\x")]
    [InlineData("..")]
    [InlineData("v1.2.3.lock")]
    [InlineData("v1@{0}")]
    [InlineData("-v1")]
    public async Task A_tag_that_could_leave_the_output_or_the_api_route_is_refused_before_any_file_or_request(string tag)
    {
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(Settings(source, github, tag)));

        OneLine(error.Message);
        Assert.StartsWith("invalid tag", error.Message, StringComparison.Ordinal);
        Assert.Empty(github.Seen);
        Assert.DoesNotContain(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories), f => f.Contains("escaped", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("acme/..")]
    [InlineData("../shop")]
    [InlineData("acme/shop?x=1")]
    public async Task A_repository_that_is_not_owner_slash_name_is_refused_before_any_request(string repository)
    {
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(Settings(source, github) with { Repository = repository }));

        Assert.StartsWith("invalid repository", error.Message, StringComparison.Ordinal);
        Assert.Empty(github.Seen);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("..\\..\\Startup\\evil.exe")]
    [InlineData("evil\u2028name")]
    public async Task A_binary_name_with_a_path_separator_or_a_control_character_is_refused_in_one_line(string name)
    {
        var source = Source(name);
        await using var github = await LoopbackGitHub.StartAsync(Token);

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(Settings(source, github)));

        OneLine(error.Message);
        Assert.Contains("expected a file name", error.Message, StringComparison.Ordinal);
        Assert.Empty(github.Seen);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.zip", SearchOption.AllDirectories));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_archive_entry_name_with_a_backslash_is_never_written()
    {
        var file = dir.Write("a", "x");

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => ReleaseArchive.WriteAsync(dir.Combine("a.zip"), [(file, "..\\..\\evil.exe", true)], 0, zip: true, TestContext.Current.CancellationToken));

        OneLine(error.Message);
        Assert.False(File.Exists(dir.Combine("a.zip")));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("http://github.invalid/")]
    [InlineData("ftp://127.0.0.1/")]
    public async Task The_token_never_goes_over_plain_http_except_to_loopback(string url)
    {
        var source = Source();

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(new ReleaseSettings().SetRelease("acme/shop", "v1.2.3").SetPlatforms("linux/amd64")
            .SetBinaries("bin/{os}_{arch}[_{variant}]/{name}").SetSourceDirectory(source).SetEpoch(0).SetApiUrl(new Uri(url))));

        OneLine(error.Message);
        Assert.Contains("expected https", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_upload_url_on_another_origin_never_receives_the_token()
    {
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        github.UploadOrigin = $"http://localhost:{github.Server.Address.Port}";

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(Settings(source, github)));

        OneLine(error.Message);
        Assert.Contains("upload", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(github.Seen, r => r.Host.StartsWith("localhost", StringComparison.Ordinal) && r.Authorization.Length > 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_sums_download_sends_the_token_only_to_the_api_origin()
    {
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        await PublishAsync(Settings(source, github));
        await using var other = await LoopbackServer.StartAsync(c => { c.Response.StatusCode = 404; return Task.CompletedTask; });
        github.AssetOrigin = $"http://127.0.0.1:{other.Address.Port}"; // same host, another port

        await PublishAsync(Settings(source, github));

        Assert.NotEmpty(other.Requests);
        Assert.All(other.Requests, r => Assert.Equal(string.Empty, r.Authorization));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stalled_sums_download_ends_in_one_line_within_the_timeout()
    {
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        await PublishAsync(Settings(source, github));
        github.StallDownloads = true;
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(Settings(source, github), bodyTimeout: TimeSpan.FromSeconds(2)));

        OneLine(error.Message);
        Assert.Contains("SHA256SUMS", error.Message, StringComparison.Ordinal);
        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stalled_api_answer_ends_in_one_line_within_the_timeout()
    {
        // Octokit asks for the headers only and then reads the body with no time limit.
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        github.StallRepository = true;
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(Settings(source, github), bodyTimeout: TimeSpan.FromSeconds(2)));

        OneLine(error.Message);
        Assert.Contains("stalled", error.Message, StringComparison.Ordinal);
        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/x")]
    public async Task An_asset_download_redirected_off_http_is_one_line(string location)
    {
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        await PublishAsync(Settings(source, github));
        github.DownloadLocation = location;

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(Settings(source, github)));

        OneLine(error.Message);
        Assert.Contains("redirect", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_release_id_that_is_not_a_number_is_one_line()
    {
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        github.StringIds = true;

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(Settings(source, github)));

        OneLine(error.Message);
        Assert.Contains("unexpected answer", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_release_url_carrying_workflow_commands_comes_back_on_one_escaped_line()
    {
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        github.HtmlUrl = "https://github.example.com/r\n::warning title=x::INJECTED\n::add-mask::linux\u2028\u001b[2J";

        var result = await PublishAsync(Settings(source, github));

        OneLine(result.Url);
        Assert.Equal("https://github.example.com/r\\n::warning title=x::INJECTED\\n::add-mask::linux\\u2028\\u001b[2J", result.Url);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_answer_larger_than_the_bound_is_one_line_and_not_read_whole()
    {
        var source = Source();
        await using var github = await LoopbackGitHub.StartAsync(Token);
        github.Description = new string('x', 20 << 20);

        var error = await Assert.ThrowsAnyAsync<CrossBuildException>(() => PublishAsync(Settings(source, github)));

        OneLine(error.Message);
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
        Assert.Empty(github.Releases);
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}

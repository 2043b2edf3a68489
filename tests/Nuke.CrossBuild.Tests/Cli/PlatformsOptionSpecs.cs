using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Cli;

/// <summary>
/// One <c>--platforms</c> option: a command that produces builds for platforms defaults to the <c>common</c> preset, a
/// command that consumes an earlier step's output takes, without <c>--platforms</c>, the platforms that output holds.
/// </summary>
public sealed class PlatformsOptionSpecs : IDisposable
{
    private const string Token = "ghs_platformsToken0123456789abcdef";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static async Task<ToolResult> CrossbuildAsync(string directory, IReadOnlyDictionary<string, string?>? env, params string[] args)
        => await Tool.RunAsync("dotnet", [RepoPaths.CliDll, .. args], env, directory, cancellationToken: TestContext.Current.CancellationToken);

    [Fact(Timeout = 600_000)]
    public async Task A_release_without_platforms_publishes_the_platforms_go_build_built()
    {
        await Requires.GoAsync();
        var source = dir.Combine("hello");
        Directory.CreateDirectory(source);
        foreach (var file in Directory.GetFiles(GoBuilder.AssetDirectory("hello")))
        {
            File.Copy(file, Path.Combine(source, Path.GetFileName(file)));
        }

        await using var github = await LoopbackGitHub.StartAsync(Token);
        var env = new Dictionary<string, string?> { ["CROSSBUILD_GO"] = Requires.Go, ["GITHUB_TOKEN"] = Token, ["GITHUB_ACTIONS"] = null, ["GITHUB_OUTPUT"] = null };

        var build = await CrossbuildAsync(source, env, "go", "build", "--platforms", "linux/amd64,linux/arm64,windows/amd64", "--jobs", "1");
        var release = await CrossbuildAsync(source, env, "github", "release", "--repo", "acme/shop", "--tag", "v1.2.3", "--api-url", github.Server.Address.ToString(), "--epoch", "0");

        Assert.True(build.ExitCode == 0, build.StdErr);
        Assert.True(release.ExitCode == 0, release.StdErr);
        Assert.Equal(
            ["hello_1.2.3_linux_amd64.tar.gz", "hello_1.2.3_linux_arm64.tar.gz", "hello_1.2.3_windows_amd64.zip", "hello_1.2.3_verification.json", "SHA256SUMS"],
            Assert.Single(github.Releases).Assets.Select(a => a.Name));
    }

    [Fact(Timeout = 300_000)]
    public async Task An_image_assembled_without_platforms_holds_the_linux_platforms_built()
    {
        var source = await Images.Assembly.AssemblyInputs.CopyToAsync(dir.Combine("src"));
        Directory.CreateDirectory(dir.Combine("src", "bin", "windows_amd64"));
        File.Copy(dir.Combine("src", "bin", "linux_amd64", "hello"), dir.Combine("src", "bin", "windows_amd64", "hello.exe")); // not for an image

        var (exitCode, stdout, stderr) = CliRunner.Run("image", "assemble", Path.Combine(source, Images.Assembly.AssemblyInputs.Pattern), "--oci", dir.Combine("out"), "--epoch", "0", "--json");

        Assert.True(exitCode == 0, stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(["linux/amd64", "linux/arm64", "linux/arm/v7"], json.RootElement.GetProperty("platforms").EnumerateArray().Select(p => p.GetProperty("platform").GetString()));
    }

    [Fact]
    public void A_consumer_given_no_platforms_and_finding_no_binaries_says_so_in_one_line()
    {
        var (exitCode, _, stderr) = CliRunner.Run("image", "assemble", dir.Combine("nothing", "{os}_{arch}[_{variant}]", "{name}"), "--oci", dir.Combine("out"));

        Assert.Equal(2, exitCode);
        Assert.Equal($"crossbuild: no binaries at {dir.Combine("nothing", "{os}_{arch}[_{variant}]", "{name}")}: expected crossbuild go build's output there for at least one platform; build it first, or name the platforms with --platforms", stderr.Trim());
    }

    [Fact]
    public void Every_platforms_option_is_the_shared_one_producers_default_to_common_consumers_to_what_is_there()
    {
        static IEnumerable<(string Path, System.CommandLine.Command Command)> Leaves(System.CommandLine.Command command, string path)
            => command.Subcommands.Count == 0 ? [(path, command)] : command.Subcommands.SelectMany(c => Leaves(c, $"{path} {c.Name}".Trim()));
        var options = Leaves(Nuke.CrossBuild.Cli.CliApp.Build(), string.Empty)
            .SelectMany(l => l.Command.Options.Where(o => o.Name == "--platforms").Select(o => (l.Path, Option: o)))
            .ToDictionary(x => x.Path, x => x.Option);

        Assert.Equal(["dockerfile doctor", "github release", "github workflow", "go build", "image assemble", "image bake", "image build", "image merge", "image verify"], options.Keys.Order(StringComparer.Ordinal));
        Assert.All(options.Values, o => Assert.Contains("Platform specs, comma separated: platforms (linux/arm/v7), presets (all, common,", o.Description, StringComparison.Ordinal));
        Assert.Equal(["github workflow", "go build", "image bake", "image build"], options.Where(o => o.Value.HasDefaultValue).Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.All(options.Where(o => !o.Value.HasDefaultValue), o => Assert.Contains("; default: ", o.Value.Description, StringComparison.Ordinal));
        Assert.All(options.Values, o => Assert.False(o.Required));
    }

    [Fact]
    public void Go_build_without_platforms_builds_the_common_preset()
    {
        var (exitCode, stdout, stderr) = CliRunner.Run("go", "build", "--name", "app", "--dry-run");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(["GOARCH=amd64", "GOARCH=arm64", "GOARCH=arm"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ').First(w => w.StartsWith("GOARCH=", StringComparison.Ordinal))));
    }
}

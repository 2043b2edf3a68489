using System.CommandLine;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Publish.Releases;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild github release</c>: the Go matrix's verified binaries as a GitHub release, through Octokit.</summary>
internal sealed class GitHubReleaseCommand
{
    private readonly Argument<string?> binaries = new("binaries") { Arity = ArgumentArity.ZeroOrOne, Description = $"The binaries' output pattern (default {ReleaseSettings.DefaultBinariesText})." };
    private readonly Option<string> repo = new("--repo") { Required = true, Description = "The repository, owner/name." };
    private readonly Option<string> tag = new("--tag") { Required = true, Description = "The tag to release, e.g. v1.2.3." };
    private readonly Option<string?> apiUrl = new("--api-url") { Description = "GitHub Enterprise: the server root as Octokit takes it, e.g. https://ghe.example.com/ (API under /api/v3/; https only, plain http only on loopback; uploads only to the same host)." };
    private readonly Option<bool> draft = new("--draft") { Description = "Leave the release a draft after its assets are up (default: publish it then)." };
    private readonly Option<string?> name = new("--name") { Description = "The release's title (default: the tag)." };
    private readonly Option<string?> platforms = PlatformsOption.ForConsumer("The platforms released", "the platforms go build wrote binaries for at the binaries pattern");
    private readonly Option<string?> binaryName = new("--binary-name") { Description = "The binary's name (default: the one file in each platform's directory)." };
    private readonly Option<string> output = new("--output") { DefaultValueFactory = _ => "artifacts/release", Description = "Where the archives, SHA256SUMS and the report are written." };
    private readonly Option<string?> epoch = new("--epoch") { Description = "Unix seconds for every archive entry (default SOURCE_DATE_EPOCH, else HEAD's commit time, else 0)." };
    private readonly Option<bool> requireStatic = new("--static") { Description = "Require every binary to be statically linked." };
    private readonly Option<string?> signKey = new("--sign-key") { Description = "Sign SHA256SUMS with this ECDSA P-256 PKCS#8 PEM private key file (asset SHA256SUMS.sig; check with cosign verify-blob --key pub.pem --signature SHA256SUMS.sig --insecure-ignore-tlog SHA256SUMS)." };
    private readonly Option<string> tokenEnv = new("--token-env") { DefaultValueFactory = _ => "GITHUB_TOKEN", Description = "The environment variable holding the token (never an argument)." };
    private readonly Option<bool> json = new("--json") { Description = "Print the release URL and its assets as JSON." };

    public static Command Create() => new GitHubReleaseCommand().Build();

    private Command Build()
    {
        var command = new Command("release", "Publish the Go matrix's binaries as a GitHub release: each verified, archived per platform reproducibly with README and LICENSE, SHA256SUMS and the verification report; re-runs replace only what changed; a draft until every asset is up.")
        {
            binaries, repo, tag, apiUrl, draft, name, platforms, binaryName, output, epoch, requireStatic, signKey, tokenEnv, json,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var token = Token(result);
        var settings = Settings(result);
        var error = result.InvocationConfiguration.Error;
        var release = await GitHubReleaseTasks.PublishAsync(settings, token, line => error.WriteLine(line), cancellationToken).ConfigureAwait(false);
        await ReportAsync(result, release).ConfigureAwait(false);
        GitHubOutputs.Write(("url", release.Url), ("assets", string.Join('\n', release.Assets.Select(a => a.Name))));
        return ExitCodes.Ok;
    }

    // GITHUB_TOKEN is masked already, with every other secret, when the command starts.
    private string Token(ParseResult result)
    {
        var variable = result.GetValue(tokenEnv)!;
        var token = Environment.GetEnvironmentVariable(variable);
        if (Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true" && token is { Length: > 0 } && !GitHubOutputs.SecretVariables.Contains(variable))
        {
            GitHubOutputs.Mask(result.InvocationConfiguration.Error, token);
        }

        return token is { Length: > 0 } ? token : throw new UsageException($"no token: expected one in ${variable} (a token with contents:write; never pass it as an argument)");
    }

    private ReleaseSettings Settings(ParseResult result)
    {
        var settings = new ReleaseSettings { Draft = result.GetValue(draft), Name = result.GetValue(name), OutputDirectory = result.GetValue(output)!, RequireStatic = result.GetValue(requireStatic) }
            .SetRelease(result.GetValue(repo)!, result.GetValue(tag)!);
        settings = result.GetValue(binaries) is { } b ? settings.SetBinaries(b) : settings;
        settings = result.GetValue(binaryName) is { } bn ? settings.SetBinaryName(bn) : settings;
        settings = result.GetValue(epoch) is { } e ? settings.SetEpoch(Tar.SourceDateEpoch.Parse(e, "--epoch")) : settings;
        settings = result.GetValue(signKey) is { } key ? settings.SetSignKey(key) : settings;
        settings = result.GetValue(apiUrl) is { } url ? settings.SetApiUrl(ApiUrl(url)) : settings;
        return result.GetValue(platforms) is { } specs ? settings.SetPlatforms(specs) : settings; // else the library's default: what go build built
    }

    // The token goes only over https (plain http only to this machine).
    private static Uri ApiUrl(string url)
        => !Uri.TryCreate(url, UriKind.Absolute, out var uri) ? throw new UsageException($"invalid --api-url '{url}': expected https://host/")
        : GitHub.GitHubApi.ServerProblem(uri) is { } problem ? throw new UsageException($"--api-url: {problem}") : uri;

    private async Task ReportAsync(ParseResult result, ReleaseResult release)
    {
        var console = result.InvocationConfiguration.Output;
        if (result.GetValue(json))
        {
            await console.WriteLineAsync(new JsonObject
            {
                ["url"] = release.Url, ["draft"] = release.Draft,
                ["assets"] = new JsonArray([.. release.Assets.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["sha256"] = a.Sha256, ["platform"] = a.Platform, ["uploaded"] = release.Uploaded.Contains(a.Name) })]),
            }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
            return;
        }

        console.WriteTable(new SummaryTable(["asset", "platform", "sha256", "action"], [.. release.Assets.Select(a => (IReadOnlyList<string>)[a.Name, a.Platform ?? "", a.Sha256[..12], release.Uploaded.Contains(a.Name) ? "uploaded" : "kept"])]));
        await console.WriteLineAsync($"release: {release.Url}{(release.Draft ? " (draft)" : string.Empty)}").ConfigureAwait(false);
    }
}

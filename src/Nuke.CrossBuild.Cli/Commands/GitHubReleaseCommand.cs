using System.CommandLine;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Publish.Releases;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild github release</c>: the Go matrix's verified binaries as a GitHub release, through Octokit.</summary>
internal static class GitHubReleaseCommand
{
    public static Command Create()
    {
        var binaries = new Argument<string?>("binaries") { Arity = ArgumentArity.ZeroOrOne, Description = $"The binaries' output pattern (default {ReleaseSettings.DefaultBinariesText})." };
        var repo = new Option<string>("--repo") { Required = true, Description = "The repository, owner/name." };
        var tag = new Option<string>("--tag") { Required = true, Description = "The tag to release, e.g. v1.2.3." };
        var apiUrl = new Option<string?>("--api-url") { Description = "GitHub Enterprise: the server root as Octokit takes it, e.g. https://ghe.example.com/ (API under /api/v3/; https only, plain http only on loopback; uploads only to the same host)." };
        var draft = new Option<bool>("--draft") { Description = "Leave the release a draft after its assets are up (default: publish it then)." };
        var name = new Option<string?>("--name") { Description = "The release's title (default: the tag)." };
        var platforms = new Option<string>("--platforms") { DefaultValueFactory = _ => "common", Description = "The platforms released (specs as for matrix)." };
        var binaryName = new Option<string?>("--binary-name") { Description = "The binary's name (default: the one file in each platform's directory)." };
        var output = new Option<string>("--output") { DefaultValueFactory = _ => "artifacts/release", Description = "Where the archives, SHA256SUMS and the report are written." };
        var epoch = new Option<string?>("--epoch") { Description = "Unix seconds for every archive entry (default SOURCE_DATE_EPOCH, else HEAD's commit time, else 0)." };
        var requireStatic = new Option<bool>("--static") { Description = "Require every binary to be statically linked." };
        var tokenEnv = new Option<string>("--token-env") { DefaultValueFactory = _ => "GITHUB_TOKEN", Description = "The environment variable holding the token (never an argument)." };
        var json = new Option<bool>("--json") { Description = "Print the release URL and its assets as JSON." };
        var command = new Command("release", "Publish the Go matrix's binaries as a GitHub release: each verified, archived per platform reproducibly with README and LICENSE, SHA256SUMS and the verification report; re-runs replace only what changed; a draft until every asset is up.")
        {
            binaries, repo, tag, apiUrl, draft, name, platforms, binaryName, output, epoch, requireStatic, tokenEnv, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var variable = result.GetValue(tokenEnv)!;
            var token = Environment.GetEnvironmentVariable(variable);
            // GITHUB_TOKEN is masked already, with every other secret, when the command starts.
            if (Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true" && token is { Length: > 0 } && !GitHubOutputs.SecretVariables.Contains(variable))
            {
                GitHubOutputs.Mask(result.InvocationConfiguration.Error, token);
            }

            if (token is not { Length: > 0 })
            {
                throw new UsageException($"no token: expected one in ${variable} (a token with contents:write; never pass it as an argument)");
            }

            var settings = new ReleaseSettings { Draft = result.GetValue(draft), Name = result.GetValue(name), OutputDirectory = result.GetValue(output)!, RequireStatic = result.GetValue(requireStatic) }
                .SetRelease(result.GetValue(repo)!, result.GetValue(tag)!).SetPlatforms(result.GetValue(platforms)!);
            settings = result.GetValue(binaries) is { } b ? settings.SetBinaries(b) : settings;
            settings = result.GetValue(binaryName) is { } bn ? settings.SetBinaryName(bn) : settings;
            settings = result.GetValue(epoch) is { } e ? settings.SetEpoch(Tar.SourceDateEpoch.Parse(e, "--epoch")) : settings;
            if (result.GetValue(apiUrl) is { } url)
            {
                // The token goes only over https (plain http only to this machine).
                settings = !Uri.TryCreate(url, UriKind.Absolute, out var uri) ? throw new UsageException($"invalid --api-url '{url}': expected https://host/")
                    : GitHub.GitHubApi.ServerProblem(uri) is { } problem ? throw new UsageException($"--api-url: {problem}") : settings.SetApiUrl(uri);
            }

            var error = result.InvocationConfiguration.Error;
            var release = await GitHubReleaser.PublishAsync(settings, token, line => error.WriteLine(line), cancellationToken).ConfigureAwait(false);
            var console = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                await console.WriteLineAsync(new JsonObject
                {
                    ["url"] = release.Url, ["draft"] = release.Draft,
                    ["assets"] = new JsonArray([.. release.Assets.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["sha256"] = a.Sha256, ["platform"] = a.Platform, ["uploaded"] = release.Uploaded.Contains(a.Name) })]),
                }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
            }
            else
            {
                console.WriteTable(new SummaryTable(["asset", "platform", "sha256", "action"], [.. release.Assets.Select(a => (IReadOnlyList<string>)[a.Name, a.Platform ?? "", a.Sha256[..12], release.Uploaded.Contains(a.Name) ? "uploaded" : "kept"])]));
                await console.WriteLineAsync($"release: {release.Url}{(release.Draft ? " (draft)" : string.Empty)}").ConfigureAwait(false);
            }

            GitHubOutputs.Write(("url", release.Url), ("assets", string.Join('\n', release.Assets.Select(a => a.Name))));
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.GitHub;
using Nuke.CrossBuild.Workflows;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild github metadata|workflow</c>: tags and labels from the running workflow, and a workflow to run.</summary>
internal static class GitHubCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create() => new("github", "GitHub: image tags and labels like docker/metadata-action, workflow generation, releases of the verified binaries.") { Metadata(), Workflow(), GitHubReleaseCommand.Create() };

    private static Command Metadata()
    {
        var images = new Argument<string[]>("images") { Arity = ArgumentArity.OneOrMore, Description = "Image repositories, e.g. ghcr.io/owner/app." };
        var json = new Option<bool>("--json") { Description = "Print version, tags and labels as JSON." };
        var options = new MetadataOptions();
        var command = new Command("metadata", "Compute image tags and OCI labels from the running GitHub workflow (GITHUB_REF, GITHUB_SHA, the event file), the way docker/metadata-action does; outputs version, tags, labels, json.") { images, json };
        options.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var metadata = await options.ComputeAsync(result, cancellationToken, result.GetValue(images)!).ConfigureAwait(false);
            var labels = new JsonObject();
            foreach (var (key, value) in metadata.Labels)
            {
                labels[key] = value;
            }

            var document = new JsonObject
            {
                ["version"] = metadata.Version,
                ["tags"] = new JsonArray([.. metadata.Tags.Select(t => (JsonNode?)t)]),
                ["tagNames"] = new JsonArray([.. metadata.TagNames.Select(t => (JsonNode?)t)]),
                ["labels"] = labels,
            }.ToJsonString(Indented);
            await result.InvocationConfiguration.Output.WriteLineAsync(result.GetValue(json) ? document : string.Join('\n', metadata.Tags)).ConfigureAwait(false);
            GitHubOutputs.Write(("version", metadata.Version), ("tags", string.Join('\n', metadata.Tags)), ("labels", string.Join('\n', metadata.Labels.Select(l => $"{l.Key}={l.Value}"))), ("json", document));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Workflow()
    {
        var platforms = PlatformsOption.ForProducer("The platforms the workflow builds");
        var image = new Option<string>("--image") { DefaultValueFactory = _ => "ghcr.io/${{ github.repository }}", Description = "Image repository." };
        var context = new Option<string>("--context") { DefaultValueFactory = _ => ".", Description = "Build context." };
        var file = new Option<string?>("-f", "--file") { Description = "Dockerfile (default: <context>/Dockerfile); the doctor reads it to decide whether QEMU is needed." };
        var requireStatic = new Option<bool>("--static") { Description = "Require static binaries." };
        var smoke = new Option<bool>("--smoke") { Description = "Run each pushed platform image once (adds QEMU for the non-native ones)." };
        var split = new Option<bool>("--split") { Description = "One job per platform on a native runner (ubuntu-24.04, ubuntu-24.04-arm), pushed by digest, and a merge job." };
        var branches = new Option<string[]>("--branch") { Description = "Branches that trigger it (repeatable; default main)." };
        var tagPatterns = new Option<string[]>("--tag-pattern") { Description = "Git tag patterns that trigger it (repeatable; default v*)." };
        var rules = new Option<string[]>("--tag-rule") { Description = "metadata-action tag rules passed to the build (repeatable)." };
        var toolVersion = new Option<string>("--tool-version") { DefaultValueFactory = _ => new WorkflowSettings().ToolVersion, Description = "Version of Nuke.CrossBuild.Tool the workflow installs (default: this crossbuild's own)." };
        var toolSource = new Option<string?>("--tool-source") { Description = "Extra NuGet source for the tool." };
        var name = new Option<string>("--name") { DefaultValueFactory = _ => "crossbuild", Description = "Workflow name." };
        var useAction = new Option<string?>("--use-action") { Description = "Build through the crossbuild GitHub Action (owner/repo@ref, e.g. acme/crossbuild@v0, or ./) instead of installing the tool in the job." };
        var output = new Option<string?>("-o", "--output") { Description = "Write to this file (e.g. .github/workflows/crossbuild.yml) instead of standard output." };
        var command = new Command("workflow", "Generate a GitHub Actions workflow: checkout, .NET, QEMU only if the plan needs it, buildx, build + verify + push (pull requests: verify only), tags and labels like docker/metadata-action.")
        {
            platforms, image, context, file, requireStatic, smoke, split, branches, tagPatterns, rules, toolVersion, toolSource, name, useAction, output,
        };
        command.SetAction(result =>
        {
            foreach (var rule in result.GetValue(rules) ?? [])
            {
                try
                {
                    TagRule.Parse(rule);
                }
                catch (CrossBuildException e)
                {
                    throw new UsageException(e.Message);
                }
            }

            var dockerfile = result.GetValue(file) ?? Path.Combine(result.GetValue(context)!, "Dockerfile");
            var settings = new WorkflowSettings
            {
                Name = result.GetValue(name)!, Image = result.GetValue(image)!, Context = result.GetValue(context)!, File = result.GetValue(file),
                RequireStatic = result.GetValue(requireStatic), Smoke = result.GetValue(smoke), Split = result.GetValue(split),
                ToolVersion = result.GetValue(toolVersion)!, ToolSource = result.GetValue(toolSource), TagRules = result.GetValue(rules) ?? [],
                EmulateBuildStage = DockerfileDoctor.FileNeedsEmulation(dockerfile), Action = result.GetValue(useAction),
            }.SetPlatforms(result.GetValue(platforms)!);
            settings = result.GetValue(branches) is { Length: > 0 } b ? settings with { Branches = b } : settings;
            settings = result.GetValue(tagPatterns) is { Length: > 0 } t ? settings with { TagPatterns = t } : settings;
            var yaml = WorkflowGenerator.Generate(settings);
            if (result.GetValue(output) is { } path)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, yaml);
                result.InvocationConfiguration.Error.WriteLine($"wrote {path}");
            }
            else
            {
                result.InvocationConfiguration.Output.Write(yaml);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

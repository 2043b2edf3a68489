using System.CommandLine;
using System.Globalization;
using Nuke.CrossBuild.Cli.Output;
using Nuke.CrossBuild.Pipelines;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Cli.Commands;

/// <summary><c>crossbuild image bake</c>: several images in ONE <c>docker buildx bake</c>, each then verified (and smoke-run) as <c>image build</c> does.</summary>
internal sealed class ImageBakeCommand
{
    private static readonly string[] Keys = ["name", "file", "context", "tag", "platforms"];

    private readonly Option<string[]> images = new("--image") { Required = true, Description = "An image: name=<target>,file=<Dockerfile>[,context=<dir>][,tag=<repository:tag>][,platforms=<specs>] (repeatable; name is [a-zA-Z0-9_-]+; context defaults to the Dockerfile's directory, tag to crossbuild/<name>:latest, platforms to --platforms)." };
    private readonly Option<string> platforms = PlatformsOption.ForProducer("The platforms built for every image that names none");
    private readonly Option<bool> push = new("--push") { Description = "Push each image to its tag's registry." };
    private readonly Option<string?> signKey = new("--sign-key") { Description = "With --push: sign each pushed index after what the registry serves under the digest bake reported verified, with this ECDSA P-256 PKCS#8 PEM private key file (cosign's .sig and a SLSA Verification Summary per manifest under .att)." };
    private readonly Option<string?> oci = new("--oci") { Description = "Also write each image's OCI layout to <dir>/<name>." };
    private readonly Option<string[]> buildArgs = new("--build-arg") { Description = "NAME=value for every image (repeatable)." };
    private readonly Option<string[]> contexts = new("--build-context") { Description = "name=path for every image (repeatable)." };
    private readonly Option<bool> requireStatic = new("--static") { Description = "Require each platform's binary to be statically linked." };
    private readonly Option<bool> smoke = new("--smoke") { Description = "Run each image's platforms once (natively or under QEMU) after pushing." };
    private readonly Option<bool> pull = new("--pull") { Description = "Always fetch base images from their registry." };
    private readonly Option<string> driver = new("--driver") { DefaultValueFactory = _ => "docker", Description = "buildx driver of the one builder: docker (default), docker-container, kubernetes, remote." };
    private readonly Option<bool> force = new("--ignore-doctor") { Description = "Bake an image even when the Dockerfile doctor reports errors in it." };

    public static Command Create() => new ImageBakeCommand().Build();

    private Command Build()
    {
        var bake = new Command("bake", "Build several multi-platform images in ONE docker buildx bake (one BuildKit session; shared stages built once), then verify, publish and smoke-run each as 'image build' does.")
        {
            images, platforms, push, signKey, oci, buildArgs, contexts, requireStatic, smoke, pull, driver, force,
        };
        bake.SetAction(RunAsync);
        return bake;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        if (!result.GetValue(push) && result.GetValue(oci) is null)
        {
            throw new UsageException("nothing to publish: pass --push (each --image with a tag=) and/or --oci <dir>");
        }

        var settings = (result.GetValue(images) ?? []).Aggregate(new ImageBakeSettings().SetDriver(result.GetValue(driver)!), (s, text) => Image(result, s, text));
        var error = result.InvocationConfiguration.Error;
        var outcome = await ImageBakeTasks.RunAsync(settings, line => error.WriteLine(line), cancellationToken).ConfigureAwait(false);
        var rows = outcome.Images.SelectMany(i => i.Value.Plan.Select(e => (IReadOnlyList<string>)[
            i.Key, e.Platform.ToString(), Matrix.MatrixJson.ModeName(e.Mode), .. VerificationCells.For(i.Value.Verification?.Entries.FirstOrDefault(v => v.Platform == e.Platform))])).ToList();
        var output = result.InvocationConfiguration.Output;
        output.WriteTable(new SummaryTable(["image", "platform", "mode", "verified", "static", "manifest"], rows));
        await output.WriteLineAsync($"bake: {outcome.BakeSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s for {outcome.Images.Count} image(s)").ConfigureAwait(false);
        foreach (var (name, image) in outcome.Images)
        {
            await output.WriteLineAsync($"{name}: {image.Image}{(image.Digest is null ? string.Empty : "@" + image.Digest)}"
                + (image.Signature is { } signature ? $"; signed: {signature} (a verification summary per manifest under .att)" : string.Empty)).ConfigureAwait(false);
            foreach (var problem in image.Problems)
            {
                await error.WriteLineAsync(CliApp.OneLine($"{name}: {problem}")).ConfigureAwait(false);
            }
        }

        return outcome.Succeeded ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    private ImageBakeSettings Image(ParseResult result, ImageBakeSettings settings, string text)
    {
        var fields = Fields(text);
        var name = fields.GetValueOrDefault("name") ?? throw new UsageException($"invalid --image '{text}': expected a name= field");
        var file = fields.GetValueOrDefault("file") ?? throw new UsageException($"invalid --image '{text}': expected a file= field (the Dockerfile)");
        var reference = fields.GetValueOrDefault("tag") ?? (result.GetValue(push) ? throw new UsageException($"--push needs a tag= in --image '{text}'") : $"crossbuild/{name}:latest");
        var colon = reference.LastIndexOf(':');
        var hasTag = colon > reference.LastIndexOf('/');
        var image = new ImagePipelineSettings
        {
            Context = fields.GetValueOrDefault("context") ?? (Path.GetDirectoryName(file) is { Length: > 0 } dir ? dir : "."), File = file,
            Repository = hasTag ? reference[..colon] : reference, Tag = hasTag ? reference[(colon + 1)..] : "latest",
            Push = result.GetValue(push), OciLayout = result.GetValue(oci) is { } layouts ? Path.Combine(layouts, name) : null,
            RequireStatic = result.GetValue(requireStatic), Pull = result.GetValue(pull), StopOnDoctorErrors = !result.GetValue(force),
            SmokeArguments = result.GetValue(smoke) ? [] : null, SignKey = result.GetValue(signKey),
        }.SetPlatforms(fields.GetValueOrDefault("platforms") ?? result.GetValue(platforms)!);
        image = (result.GetValue(buildArgs) ?? []).Select(a => ImageBuildCommand.Pair(a, "--build-arg")).Aggregate(image, (s, a) => s.AddBuildArg(a.Name, a.Value));
        image = (result.GetValue(contexts) ?? []).Select(c => ImageBuildCommand.Pair(c, "--build-context")).Aggregate(image, (s, c) => s.AddBuildContext(c.Name, c.Value));
        return settings.Images.Any(i => i.Key == name) ? throw new UsageException($"--image name '{name}' is given twice: expected one --image per name") : settings.AddImage(name, image);
    }

    // name=api,file=api/Dockerfile,platforms=linux/amd64;linux/arm64 — platforms inside a field are separated by ';' or '+' (a comma ends the field).
    private static Dictionary<string, string> Fields(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in text.Split(','))
        {
            var eq = field.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? field[..eq] : throw new UsageException($"invalid --image '{text}': expected key=value fields, got '{field}'");
            if (!Keys.Contains(key) || !fields.TryAdd(key, key == "platforms" ? field[(eq + 1)..].Replace(';', ',').Replace('+', ',') : field[(eq + 1)..]))
            {
                throw new UsageException($"invalid --image '{text}': expected each of {string.Join(", ", Keys)} at most once, got '{key}'");
            }
        }

        return fields;
    }
}

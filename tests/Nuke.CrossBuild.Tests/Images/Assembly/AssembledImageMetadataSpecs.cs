using System.Net;
using System.Text.Json;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Images.Assembly;

/// <summary><c>image assemble --github-metadata</c>: docker/metadata-action's labels on the config, as annotations on the index and manifests, its tags on the push.</summary>
public sealed class AssembledImageMetadataSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private Dictionary<string, string?> Runner() => new()
    {
        ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/tags/v1.4.0", ["GITHUB_SHA"] = "860c1904a1ce19322e91ac35af1ab07466440c37",
        ["GITHUB_REPOSITORY"] = "acme/shop", ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_OUTPUT"] = dir.Combine("output"), ["GITHUB_TOKEN"] = null,
        ["GITHUB_EVENT_PATH"] = dir.Write("event.json", """{"repository": {"description": "The shop", "license": {"spdx_id": "MIT"}}}"""),
    };

    [Fact(Timeout = 300_000)]
    public async Task Metadata_labels_reach_the_config_and_the_index_annotations_and_a_given_label_wins()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);

        var result = await GitHub.GitHubCommandSpecs.CrossbuildAsync(
            ["image", "assemble", Path.Combine(source, AssemblyInputs.Pattern), "--platforms", "linux/amd64,linux/arm64", "--oci", dir.Combine("layout"), "--epoch", "0",
             "--github-metadata", "ghcr.io/acme/shop", "--label", "org.opencontainers.image.description=Given"], Runner());

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var index = JsonDocument.Parse(File.ReadAllText(dir.Combine("layout", "index.json")));
        var indexDigest = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        using var top = JsonDocument.Parse(File.ReadAllText(Blob(indexDigest)));
        var annotations = top.RootElement.GetProperty("annotations");
        Assert.Equal("v1.4.0", annotations.GetProperty("org.opencontainers.image.version").GetString()); // metadata-action's default rule for a tag: type=ref,event=tag
        Assert.Equal("860c1904a1ce19322e91ac35af1ab07466440c37", annotations.GetProperty("org.opencontainers.image.revision").GetString());
        using var manifest = JsonDocument.Parse(File.ReadAllText(Blob(top.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!)));
        using var config = JsonDocument.Parse(File.ReadAllText(Blob(manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!)));
        var labels = config.RootElement.GetProperty("config").GetProperty("Labels");
        Assert.Equal(("MIT", "Given"), (labels.GetProperty("org.opencontainers.image.licenses").GetString(), labels.GetProperty("org.opencontainers.image.description").GetString()));
    }

    [Fact(Timeout = 300_000)]
    public async Task With_a_push_the_index_gets_the_metadata_tags()
    {
        await Requires.EngineAsync(); // the registry binary comes with the engine's provisioning
        using var registry = await PrivateRegistry.StartAsync();
        var source = await AssemblyInputs.CopyToAsync(dir.Path);

        var result = await GitHub.GitHubCommandSpecs.CrossbuildAsync(
            ["image", "assemble", Path.Combine(source, AssemblyInputs.Pattern), "--platforms", "linux/amd64,linux/arm64", "--push", $"{registry.Host}/acme/shop:build", "--epoch", "0",
             "--github-metadata", "ghcr.io/acme/shop", "--tag-rule", "type=semver,pattern={{version}}", "--tag-rule", "type=semver,pattern={{major}}.{{minor}}"], Runner());

        Assert.True(result.ExitCode == 0, result.StdErr);
        foreach (var tag in new[] { "build", "1.4.0", "1.4", "latest" })
        {
            Assert.Equal(HttpStatusCode.OK, await registry.ManifestStatusAsync("acme/shop", tag));
        }
    }

    private string Blob(string digest) => dir.Combine("layout", "blobs", "sha256", digest["sha256:".Length..]);
}

using System.Text.Json;
using Nuke.CrossBuild.Buildx;

namespace Nuke.CrossBuild.Tests.Buildx;

public sealed class BakeFileSpecs
{
    private static BakeSettings TwoSamples() => new BakeSettings()
        .AddTarget("base", t => t.AddArg("GO_IMAGE", "127.0.0.1:5000/crossbuild/golang:1.23").EnablePull().DisableProvenance())
        .AddMatrix(
            "samples", [("hello", "common"), ("cgo-static", "linux/amd64,linux/arm64")], s => s.Item1,
            (t, s) => t.SetContext($"samples/{s.Item1}").SetDockerfile("Dockerfile").SetPlatforms(s.Item2).SetTags($"r/{s.Item1}:latest"),
            inherits: "base")
        .AddGroup("default", "samples");

    [Fact]
    public void A_matrix_whose_items_name_the_same_target_is_refused_instead_of_keeping_the_last()
    {
        var e = Assert.Throws<SettingsException>(() => new BakeSettings().AddMatrix(
            "samples", ["cmd/api", "tools/api"], s => s.Split('/')[1], (t, s) => t.SetContext(s).SetDockerfile("Dockerfile")));

        Assert.Equal("bake matrix 'samples' names target 'api' twice: expected one target name per item", e.Message);
    }

    [Theory]
    [InlineData("base")]
    [InlineData("samples")]
    public void A_matrix_item_named_like_an_existing_target_or_its_group_is_refused(string item)
    {
        var e = Assert.Throws<SettingsException>(() => new BakeSettings().AddTarget("base", t => t.EnablePull()).AddMatrix(
            "samples", [item], s => s, (t, s) => t.SetContext(s).SetDockerfile("Dockerfile"), inherits: "base"));

        Assert.Equal($"bake matrix 'samples' item target '{item}' is already a target or the group's name: expected a name of its own", e.Message);
    }

    [Fact]
    public void A_matrix_renders_one_target_per_item_inheriting_the_base_and_a_group_of_them()
    {
        var text = BakeFile.Render(TwoSamples());

        Assert.Equal(
            """
            {
              "group": {
                "samples": {
                  "targets": [
                    "hello",
                    "cgo-static"
                  ]
                },
                "default": {
                  "targets": [
                    "samples"
                  ]
                }
              },
              "target": {
                "base": {
                  "args": {
                    "GO_IMAGE": "127.0.0.1:5000/crossbuild/golang:1.23"
                  },
                  "attest": [
                    "type=provenance,disabled=true"
                  ],
                  "pull": true
                },
                "hello": {
                  "inherits": [
                    "base"
                  ],
                  "context": "samples/hello",
                  "dockerfile": "Dockerfile",
                  "platforms": [
                    "linux/amd64",
                    "linux/arm64",
                    "linux/arm/v7"
                  ],
                  "tags": [
                    "r/hello:latest"
                  ]
                },
                "cgo-static": {
                  "inherits": [
                    "base"
                  ],
                  "context": "samples/cgo-static",
                  "dockerfile": "Dockerfile",
                  "platforms": [
                    "linux/amd64",
                    "linux/arm64"
                  ],
                  "tags": [
                    "r/cgo-static:latest"
                  ]
                }
              }
            }

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Every_field_renders_in_a_stable_order()
    {
        var settings = new BakeSettings().AddTarget("app", t => t
            .SetContext("src").SetDockerfile("build/Dockerfile").SetStage("runtime").SetPlatforms("aarch64").AddArg("VERSION", "1.2.3").AddTags("r/app:1")
            .AddLabel("org.opencontainers.image.source", "https://example.com/app").AddContext("crossbuild", "tools/")
            .AddCacheFrom(BuildxCache.Registry("r/app:cache")).AddCacheTo(BuildxCache.Gha("linux-arm64", "max")).AddOutput(BuildxOutput.Oci("out/app.tar"))
            .SetProvenance("mode=max").EnableSbom("scanner:1").EnableNoCache());

        var target = JsonDocument.Parse(BakeFile.Render(settings)).RootElement.GetProperty("target").GetProperty("app");

        Assert.Equal(
            ["context", "dockerfile", "target", "platforms", "args", "tags", "labels", "contexts", "cache-from", "cache-to", "output", "attest", "no-cache"],
            target.EnumerateObject().Select(p => p.Name));
        Assert.Equal("type=gha,scope=linux-arm64,mode=max", target.GetProperty("cache-to")[0].GetString());
        Assert.Equal(["type=provenance,mode=max", "type=sbom,generator=scanner:1"], target.GetProperty("attest").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("linux/arm64", target.GetProperty("platforms")[0].GetString());
    }

    [Fact]
    public void A_users_value_is_escaped_by_the_json_writer_and_never_interpolated_by_bake()
    {
        var settings = new BakeSettings().AddTarget("app", t => t.AddArg("NOTE", "a \"quote\", a \\ and\n${HOME} %{if true}x%{endif}").AddLabel("${KEY}", "v"));

        var args = JsonDocument.Parse(BakeFile.Render(settings)).RootElement.GetProperty("target").GetProperty("app").GetProperty("args");

        Assert.Equal("a \"quote\", a \\ and\n$${HOME} %%{if true}x%%{endif}", args.GetProperty("NOTE").GetString());
    }

    [Theory]
    [InlineData("Secrets")]
    [InlineData("Ssh")]
    [InlineData("Annotations")]
    [InlineData("Network")]
    public void Build_settings_a_bake_target_cannot_carry_are_refused_not_dropped(string setting)
    {
        var build = new BuildxBuildSettings().SetContext("samples/01").SetPlatforms("linux/amd64");
        build = setting switch
        {
            "Secrets" => build with { Secrets = ["id=token,env=GITHUB_TOKEN"] },
            "Ssh" => build with { Ssh = ["default"] },
            "Annotations" => build with { Annotations = [new("index:org.opencontainers.image.title", "a")] },
            _ => build with { Network = "none" },
        };

        var e = Assert.Throws<SettingsException>(() => build.ToBakeTarget("a"));

        Assert.Equal(setting, e.Setting);
        Assert.Contains($"got {setting} set", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad.name")]
    [InlineData("a/b")]
    [InlineData("$(id)")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("x\u202ey")]
    public void A_hostile_target_name_is_refused_with_one_line(string name)
    {
        var error = Assert.Throws<SettingsException>(() => BakeFile.Render(new BakeSettings().AddTarget(new BakeTarget(name))));

        Assert.StartsWith("invalid bake target name '", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\u202e', error.Message);
    }

    [Fact]
    public void A_group_naming_an_undefined_target_is_refused()
    {
        var error = Assert.Throws<SettingsException>(() => BakeFile.Render(new BakeSettings().AddTarget(new BakeTarget("app")).AddGroup("default", "app", "api")));

        Assert.Equal("bake name 'api' is not defined: expected one of app, default", error.Message);
    }

    [Fact]
    public void Build_settings_become_a_bake_target_of_the_same_build()
    {
        var build = new BuildxBuildSettings().SetContext("samples/01").SetFile("samples/01/Dockerfile").SetPlatforms("linux/amd64").SetTags("r/a:1").EnablePush()
            .AddBuildArg("A", "1").AddBuildContext("crossbuild", "/tools").DisableProvenance().SetSbom("true").EnablePull();

        var target = build.ToBakeTarget("a");

        Assert.Equal(("samples/01", "Dockerfile", true), (target.Context, target.Dockerfile, target.Pull == true));
        Assert.Equal(["type=registry"], target.Outputs.Select(o => o.ToString()));
        Assert.Equal(["type=provenance,disabled=true", "type=sbom"], target.Attests);
        Assert.Equal([new("crossbuild", "/tools")], target.Contexts);
    }

    [Theory]
    [InlineData("samples/05", "samples/05/Dockerfile.musl", "Dockerfile.musl")]
    [InlineData("app", "build/Dockerfile", "../build/Dockerfile")]
    [InlineData("/src/app", "/src/app/Dockerfile", "/src/app/Dockerfile")]
    [InlineData("https://github.com/org/app.git", "Dockerfile", "Dockerfile")]
    public void A_build_file_read_from_the_working_directory_becomes_a_bake_dockerfile_read_from_the_context(string context, string file, string expected)
    {
        Assert.Equal(expected, new BuildxBuildSettings().SetContext(context).SetFile(file).ToBakeTarget("a").Dockerfile);
    }

    [Fact]
    public void The_arguments_name_the_file_and_put_the_targets_after_a_double_dash()
    {
        var args = BuildxArguments.Bake(new BakeSettings().SetBuilder("ci").EnablePush().SetProgress("plain").SetMetadataFile("m.json").SetBuild("samples"), "bake.json");

        Assert.Equal("buildx bake --file bake.json --builder ci --push --progress plain --metadata-file m.json -- samples", string.Join(' ', args));
    }

    [Fact]
    public void Bake_metadata_is_read_per_target()
    {
        var metadata = BuildxMetadata.ParseBake("""{"a":{"containerimage.digest":"sha256:aa"},"b":{"containerimage.digest":"sha256:bb"},"buildx.build.warnings":[]}""");

        Assert.Equal(["a", "b"], metadata.Keys.Order());
        Assert.Equal("sha256:bb", metadata["b"].Digest);
    }
}

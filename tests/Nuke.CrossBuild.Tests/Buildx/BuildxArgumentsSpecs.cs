using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Buildx;

public sealed class BuildxArgumentsSpecs
{
    private static string Args(BuildxBuildSettings settings) => string.Join(' ', BuildxArguments.Build(settings));

    [Fact]
    public void I_can_build_for_several_platforms_and_push()
    {
        var settings = new BuildxBuildSettings().SetPlatforms(Platform.LinuxAmd64, Platform.LinuxArm64).SetTags("app:1.0").EnablePush();

        Assert.Equal("buildx build --platform linux/amd64,linux/arm64 --tag app:1.0 --push .", Args(settings));
    }

    [Fact]
    public void Platform_aliases_and_presets_are_normalized_through_the_table()
    {
        var settings = new BuildxBuildSettings().SetPlatforms("aarch64", "armhf").AddPlatforms("linux/arm64/v8", "x86_64");

        Assert.Equal(["linux/arm64", "linux/arm/v7", "linux/amd64"], settings.Platforms);
    }

    [Fact]
    public void Every_option_renders_in_a_stable_order()
    {
        var settings = new BuildxBuildSettings()
            .SetBuilder("ci").SetFile("build/Dockerfile").SetTarget("runtime").SetContext("src")
            .SetPlatforms("common").AddTags("r/app:1", "r/app:latest")
            .AddBuildArg("VERSION", "1.2.3").AddBuildContext("crossbuild", "tools/").AddLabel("org.opencontainers.image.source", "https://example.com/app")
            .AddAnnotation("index:org.opencontainers.image.version", "1.2.3")
            .AddOutput(BuildxOutput.Oci("out/app.tar")).AddOutput(BuildxOutput.PushByDigest("r/app"))
            .AddCacheFrom(BuildxCache.Registry("r/app:cache")).AddCacheTo(BuildxCache.Registry("r/app:cache", "max")).AddCacheTo(BuildxCache.Gha("linux-arm64", "max"))
            .AddSecretFile("npmrc", "/home/me/.npmrc").AddSsh("default").AddAttest("type=sbom").DisableProvenance().SetSbom("true")
            .EnableNoCache().AddNoCacheFilter("build").EnablePull().SetProgress("plain").SetMetadataFile("meta.json").SetNetwork("host").AddAllow("network.host");

        Assert.Equal(
            "buildx build --builder ci --file build/Dockerfile --target runtime --platform linux/amd64,linux/arm64,linux/arm/v7 --tag r/app:1 --tag r/app:latest " +
            "--build-arg VERSION=1.2.3 --build-context crossbuild=tools/ --label org.opencontainers.image.source=https://example.com/app " +
            "--annotation index:org.opencontainers.image.version=1.2.3 --output type=oci,dest=out/app.tar " +
            "--output type=image,name=r/app,push-by-digest=true,name-canonical=true,push=true " +
            "--cache-from type=registry,ref=r/app:cache --cache-to type=registry,ref=r/app:cache,mode=max --cache-to type=gha,scope=linux-arm64,mode=max " +
            "--secret id=npmrc,src=/home/me/.npmrc --ssh default --attest type=sbom --provenance=false --sbom=true --no-cache --no-cache-filter build --pull " +
            "--progress plain --metadata-file meta.json --network host --allow network.host src",
            Args(settings));
    }

    [Fact]
    public void A_secret_value_goes_through_the_environment_never_into_argv()
    {
        var settings = new BuildxBuildSettings().AddSecretFromEnvironment("github-token", "ghp_s3cret");

        Assert.DoesNotContain("ghp_s3cret", Args(settings), StringComparison.Ordinal);
        Assert.Contains("--secret id=github-token,env=CROSSBUILD_SECRET_GITHUB_TOKEN", Args(settings), StringComparison.Ordinal);
        Assert.Equal("ghp_s3cret", settings.ProcessEnvironment["CROSSBUILD_SECRET_GITHUB_TOKEN"]);
    }

    [Fact]
    public void Output_values_with_commas_are_csv_quoted()
    {
        Assert.Equal("type=image,\"name=r/a:1,r/a:2\",push=true", BuildxOutput.Registry("r/a:1,r/a:2").With("push", "true").ToString().Replace("type=registry", "type=image", StringComparison.Ordinal));
        Assert.Equal("type=oci,dest=out,tar=false", BuildxOutput.Oci("out", tar: false).ToString());
        Assert.Equal("type=local,src=.cache", BuildxCache.Local(".cache").ToString());
    }

    [Fact]
    public void Setters_return_copies()
    {
        var original = new BuildxBuildSettings().SetTags("a");

        var changed = original.AddTags("b").EnablePush();

        Assert.Equal(["a"], original.Tags);
        Assert.False(original.Push);
        Assert.Equal(["a", "b"], changed.Tags);
    }

    [Fact]
    public void A_multi_node_builder_appends_native_nodes_with_endpoints_and_platforms()
    {
        var first = new BuildxCreateSettings().SetName("multi").SetDriver("docker-container").SetPlatforms("linux/amd64", "linux/386").SetEndpoint("amd64-box").EnableUse().EnableBootstrap();
        var second = new BuildxCreateSettings().SetName("multi").AppendNode("ssh://ci@arm-box", "arm").SetPlatforms("linux/arm64", "linux/arm/v7").AddDriverOption("network", "host").SetTimeout(TimeSpan.FromSeconds(60));

        Assert.Equal("buildx create --name multi --driver docker-container --platform linux/amd64,linux/386 --bootstrap --use amd64-box", string.Join(' ', BuildxArguments.Create(first)));
        Assert.Equal("buildx create --name multi --append --node arm --driver-opt network=host --platform linux/arm64,linux/arm/v7 --timeout 60s ssh://ci@arm-box", string.Join(' ', BuildxArguments.Create(second)));
    }

    [Fact]
    public void Imagetools_create_merges_digests_into_one_tagged_index()
    {
        var settings = new ImagetoolsCreateSettings().SetTags("r/app:1.0").AddAnnotation("index:org.opencontainers.image.version", "1.0")
            .SetSources("r/app@sha256:aaa", "r/app@sha256:bbb").EnableDryRun();

        Assert.Equal("buildx imagetools create --tag r/app:1.0 --annotation index:org.opencontainers.image.version=1.0 --dry-run r/app@sha256:aaa r/app@sha256:bbb", string.Join(' ', BuildxArguments.ImagetoolsCreate(settings)));
    }

    [Fact]
    public void Metadata_and_builder_lists_parse()
    {
        var metadata = BuildxMetadata.Parse("""{"containerimage.digest":"sha256:abc","containerimage.descriptor":{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:abc","size":1609},"image.name":"r/app:1","buildx.build.ref":"default/default/xyz"}""");
        var builders = BuilderInfo.ParseList("""
            {"Name":"default","Driver":"docker","Nodes":[{"Name":"default","Endpoint":"default","Status":"running","Platforms":["linux/amd64","linux/arm64"]}]}
            {"Name":"ci","Driver":"docker-container","Nodes":[{"Name":"ci0","Endpoint":"unix:///var/run/docker.sock","Status":"inactive","Platforms":[]}]}
            """);

        Assert.Equal(("sha256:abc", "application/vnd.oci.image.index.v1+json", 1609L, "r/app:1"), (metadata.Digest, metadata.MediaType, metadata.Size ?? 0, metadata.ImageName));
        Assert.Equal(["default", "ci"], builders.Select(b => b.Name));
        Assert.True(builders[0].Running);
        Assert.False(builders[1].Running);
        Assert.Equal(["linux/amd64", "linux/arm64"], builders[0].Platforms);
    }

    [Fact]
    public void The_docker_driver_without_the_containerd_store_is_refused_for_multi_platform_with_the_fix()
    {
        var error = Assert.Throws<BuildxException>(() => BuilderTasks.CheckDockerDriver("""[["Backing Filesystem","extfs"]]""", 3));

        Assert.Contains("containerd-snapshotter", error.Message, StringComparison.Ordinal);
        BuilderTasks.CheckDockerDriver("""[["driver-type","io.containerd.snapshotter.v1"]]""", 3);
        BuilderTasks.CheckDockerDriver("""[["Backing Filesystem","extfs"]]""", 1);
    }
}

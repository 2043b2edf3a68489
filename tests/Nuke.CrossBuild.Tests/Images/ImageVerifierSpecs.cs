using Nuke.CrossBuild.Images;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Verification;

namespace Nuke.CrossBuild.Tests.Images;

/// <summary>Image verification on synthetic OCI layouts: index, configs, layers, whiteouts and links.</summary>
public sealed class ImageVerifierSpecs : IDisposable
{
    private static readonly byte[] Amd64 = new ElfFixture { Machine = 62 }.Build();
    private static readonly byte[] Arm64 = new ElfFixture { Machine = 183 }.Build();
    private static readonly byte[] ArmV7 = new ElfFixture { Class = 32, Machine = 40, GoSettings = [("GOOS", "linux"), ("GOARCH", "arm"), ("GOARM", "7")] }.Build();
    private static readonly string[] App = ["/app"];
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private async Task<ImageVerification> VerifyAsync(OciLayoutBuilder builder, string? expected = "common", string? path = null, bool requireStatic = false)
    {
        var layout = builder.Write(dir.Combine("layout" + Guid.NewGuid().ToString("n")));
        using var source = await ImageSources.OpenAsync(layout, cancellationToken: TestContext.Current.CancellationToken);
        return await ImageVerifier.VerifyAsync(source, expected is null ? null : PlatformSelection.Of([expected]).Expand(), path, requireStatic, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static OciLayoutBuilder Good(bool attestations = false) => new OciLayoutBuilder { WithAttestation = attestations }
        .Add("linux/amd64", [[LayerEntry.File("app", Amd64)]], App)
        .Add("linux/arm64", [[LayerEntry.File("app", Arm64)]], App)
        .Add("linux/arm/v7", [[LayerEntry.File("app", ArmV7)]], App);

    [Fact]
    public async Task A_right_image_passes_and_attestations_are_reported_not_checked()
    {
        var result = await VerifyAsync(Good(attestations: true), requireStatic: true);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(["linux/amd64", "linux/arm64", "linux/arm/v7"], result.Platforms);
        Assert.Equal(3, result.Attestations.Count);
        Assert.All(result.Entries, e => Assert.Equal("/app", e.Path));
    }

    [Fact]
    public async Task The_right_arch_manifest_with_a_wrong_arch_binary_is_caught()
    {
        var image = new OciLayoutBuilder()
            .Add("linux/amd64", [[LayerEntry.File("app", Amd64)]], App)
            .Add("linux/arm64", [[LayerEntry.File("app", Amd64)]], App)
            .Add("linux/arm/v7", [[LayerEntry.File("app", Amd64)]], App);

        var result = await VerifyAsync(image);

        Assert.Equal(2, result.Problems.Count);
        Assert.Contains("[linux/arm64]:/app does not match expected target architecture arm64", result.Problems[0], StringComparison.Ordinal);
        Assert.Contains("[linux/arm/v7]:/app does not match expected target architecture arm", result.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_unexpected_platform_is_named()
    {
        var image = new OciLayoutBuilder()
            .Add("linux/amd64", [[LayerEntry.File("app", Amd64)]], App)
            .Add("linux/arm64", [[LayerEntry.File("app", Arm64)]], App);

        var result = await VerifyAsync(image, expected: "linux/amd64,linux/arm/v7");

        Assert.Equal("image " + result.Image + " does not hold the expected platforms: expected linux/amd64, linux/arm/v7, got linux/amd64, linux/arm64 (missing linux/arm/v7) (unexpected linux/arm64)", Assert.Single(result.Problems));
    }

    [Fact]
    public async Task An_armv7_go_binary_in_the_arm_v6_manifest_is_caught()
    {
        var image = new OciLayoutBuilder().Add("linux/arm/v6", [[LayerEntry.File("app", ArmV7)]], App);

        var result = await VerifyAsync(image, expected: "linux/arm/v6");

        Assert.Contains("needs ARMv7 but linux/arm/v6 guarantees only ARMv6", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dynamic_binary_in_scratch_is_caught_even_without_static()
    {
        var dynamic = new ElfFixture { Machine = 183, Interpreter = "/lib/ld-musl-aarch64.so.1", Needed = ["libc.musl-aarch64.so.1"] }.Build();
        var scratch = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.File("app", dynamic)]], App);
        var alpine = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.File("lib/ld-musl-aarch64.so.1", Arm64)], [LayerEntry.File("app", dynamic)]], App);

        var inScratch = await VerifyAsync(scratch, expected: "linux/arm64");
        var onAlpine = await VerifyAsync(alpine, expected: "linux/arm64");

        Assert.Contains("needs the dynamic loader /lib/ld-musl-aarch64.so.1, which the image does not have", Assert.Single(inScratch.Problems), StringComparison.Ordinal);
        Assert.True(onAlpine.Ok, string.Join("\n", onAlpine.Problems));
    }

    [Fact]
    public async Task Upper_layers_win_and_whiteouts_delete()
    {
        var replaced = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.File("app", Amd64)], [LayerEntry.File("app", Arm64)]], App);
        var deleted = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.File("app", Arm64)], [LayerEntry.Whiteout("/app")]], App);
        var opaque = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.File("opt/app", Arm64)], [LayerEntry.Opaque("opt"), LayerEntry.Text("opt/other", "x")]], ["/opt/app"]);

        Assert.True((await VerifyAsync(replaced, "linux/arm64")).Ok);
        Assert.Contains("/app is not in the image", Assert.Single((await VerifyAsync(deleted, "linux/arm64")).Problems), StringComparison.Ordinal);
        Assert.Contains("/opt/app is not in the image", Assert.Single((await VerifyAsync(opaque, "linux/arm64")).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hard_link_has_the_content_its_target_had_in_its_own_layer()
    {
        // /app is a hard link to layer 1's arm64 tool; layer 2 replaces the tool with an amd64 one, which /app never sees.
        var image = new OciLayoutBuilder().Add("linux/arm64",
            [[LayerEntry.File("bin/tool", Arm64), LayerEntry.HardLink("app", "bin/tool")], [LayerEntry.File("bin/tool", Amd64)]], App);

        var result = await VerifyAsync(image, "linux/arm64");

        Assert.True(result.Ok, string.Join("\n", result.Problems));
    }

    [Fact]
    public async Task Whiteouts_and_opaque_markers_hide_only_lower_layers()
    {
        var sameLayerWhiteout = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.Whiteout("/app"), LayerEntry.File("app", Arm64)]], App);
        var opaqueKeepsNewSiblings = new OciLayoutBuilder().Add("linux/arm64",
            [[LayerEntry.File("opt/app", Amd64)], [LayerEntry.File("opt/app", Arm64), LayerEntry.Opaque("opt")]], ["/opt/app"]);
        var whiteoutUnderLink = new OciLayoutBuilder().Add("linux/arm64",
            [[LayerEntry.Link("srv", "data"), LayerEntry.File("data/app", Arm64)], [LayerEntry.Whiteout("/srv/app")]], ["/data/app"]);

        Assert.True((await VerifyAsync(sameLayerWhiteout, "linux/arm64")).Ok);
        Assert.True((await VerifyAsync(opaqueKeepsNewSiblings, "linux/arm64")).Ok);
        Assert.Contains("/data/app is not in the image", Assert.Single((await VerifyAsync(whiteoutUnderLink, "linux/arm64")).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_entrypoint_is_resolved_against_the_working_directory()
    {
        var image = new OciLayoutBuilder { WorkingDir = "/srv" }.Add("linux/arm64", [[LayerEntry.File("srv/bin/app", Arm64), LayerEntry.File("bin/app", Amd64)]], ["./bin/app"]);

        var result = await VerifyAsync(image, "linux/arm64");

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal("/srv/bin/app", result.Entries[0].Path);
    }

    [Fact]
    public async Task Entries_under_a_linked_directory_land_where_the_link_points_and_never_above_the_root()
    {
        var image = new OciLayoutBuilder().Add("linux/arm64",
            [[LayerEntry.Link("usr/local/bin", "../../opt/bin")], [LayerEntry.File("usr/local/bin/app", Arm64), LayerEntry.Link("escape", "../../../../app")]], ["/escape"]);

        var result = await VerifyAsync(image, "linux/arm64", path: "/opt/bin/app");
        var viaEscape = await VerifyAsync(image, "linux/arm64");

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Contains("/escape is not in the image (/escape: no such file)", Assert.Single(viaEscape.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_loop_is_a_problem_not_a_hang()
    {
        var image = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.Link("a", "b"), LayerEntry.Link("b", "a")]], ["/a"]);

        Assert.Contains("more than 40 symbolic links", Assert.Single((await VerifyAsync(image, "linux/arm64")).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_are_followed_to_the_real_binary()
    {
        var image = new OciLayoutBuilder().Add("linux/arm64",
            [[LayerEntry.Link("bin", "usr/bin"), LayerEntry.File("usr/bin/busybox", Arm64)], [LayerEntry.Link("usr/bin/sh", "busybox")]],
            ["/bin/sh", "-c", "echo"]);

        var result = await VerifyAsync(image, "linux/arm64");

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal("/usr/bin/busybox", result.Entries[0].Path);
    }

    [Fact]
    public async Task A_bare_command_is_searched_on_the_image_path()
    {
        var image = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.File("usr/local/bin/app", Arm64)]], cmd: ["app", "--serve"], env: ["PATH=/usr/local/bin:/usr/bin"]);

        var result = await VerifyAsync(image, "linux/arm64");

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal("/usr/local/bin/app", result.Entries[0].Path);
    }

    [Fact]
    public async Task A_path_overrides_the_entrypoint_and_no_program_is_a_problem()
    {
        var image = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.File("srv/app", Arm64), LayerEntry.Text("run.sh", "#!/bin/sh")]]);

        Assert.True((await VerifyAsync(image, "linux/arm64", path: "/srv/app")).Ok);
        Assert.Contains("no Entrypoint or Cmd", Assert.Single((await VerifyAsync(image, "linux/arm64")).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_manifest_root_and_uncompressed_layers_are_read()
    {
        var image = new OciLayoutBuilder { SingleManifestRoot = true, Gzip = false }.Add("linux/arm64", [[LayerEntry.File("app", Arm64)]], App);

        Assert.True((await VerifyAsync(image, "linux/arm64")).Ok);
    }

    [Fact]
    public async Task A_zstd_compressed_layer_is_streamed_in_process()
    {
        var image = new OciLayoutBuilder { Zstd = true }.Add("linux/arm64", [[LayerEntry.File("app", Arm64)]], App);

        var result = await VerifyAsync(image, "linux/arm64");

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal("/app", result.Entries[0].Path);
    }

    [Fact]
    public async Task A_config_that_disagrees_with_the_index_is_a_problem()
    {
        var image = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.File("app", Arm64)]], App, configPlatform: "linux/amd64");

        Assert.Contains("the index says linux/arm64 but the image config says linux/amd64", Assert.Single((await VerifyAsync(image, "linux/arm64")).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_a_layout_gives_a_one_line_error()
    {
        var error = await Assert.ThrowsAsync<ImageSourceException>(() => ImageSources.OpenAsync(dir.Path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("not an OCI layout", error.Message, StringComparison.Ordinal);
    }
}

using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Signing;

namespace Nuke.CrossBuild.Tests.Cli;

/// <summary><c>crossbuild image bake</c>'s mistakes are one line and exit 2 (a key that cannot sign: exit 1), before anything is built.</summary>
public sealed class ImageBakeCommandSpecs
{
    [Theory]
    [InlineData("name=../../x,file=Dockerfile", "crossbuild: invalid bake target name '../../x': expected letters, digits, '_' and '-' only")]
    [InlineData("name=a\u202eb,file=Dockerfile", "crossbuild: invalid bake target name 'a\\u202eb': expected letters, digits, '_' and '-' only")]
    [InlineData("file=Dockerfile", "crossbuild: invalid --image 'file=Dockerfile': expected a name= field")]
    [InlineData("name=a", "crossbuild: invalid --image 'name=a': expected a file= field (the Dockerfile)")]
    [InlineData("name=a,file=D,secret=x", "crossbuild: invalid --image 'name=a,file=D,secret=x': expected each of name, file, context, tag, platforms at most once, got 'secret'")]
    public void A_bad_image_is_refused_with_one_line(string image, string expected)
    {
        using var dir = new TempDirectory();
        var (exitCode, _, stderr) = CliRunner.Run("image", "bake", "--oci", dir.Path, "--image", image);

        Assert.Equal(2, exitCode);
        Assert.Equal(expected, stderr.Trim());
    }

    [Fact]
    public void Two_images_of_one_name_are_refused()
    {
        using var dir = new TempDirectory();
        var (exitCode, _, stderr) = CliRunner.Run("image", "bake", "--oci", dir.Path, "--image", "name=a,file=x/Dockerfile", "--image", "name=a,file=y/Dockerfile");

        Assert.Equal(2, exitCode);
        Assert.Equal("crossbuild: --image name 'a' is given twice: expected one --image per name", stderr.Trim());
    }

    [Fact]
    public void Without_a_destination_nothing_is_baked()
    {
        var (exitCode, _, stderr) = CliRunner.Run("image", "bake", "--image", "name=a,file=Dockerfile");

        Assert.Equal(2, exitCode);
        Assert.Equal("crossbuild: nothing to publish: pass --push (each --image with a tag=) and/or --oci <dir>", stderr.Trim());
    }

    [Fact]
    public void An_image_named_like_another_images_layout_target_is_refused()
    {
        using var dir = new TempDirectory();
        var (exitCode, _, stderr) = CliRunner.Run("image", "bake", "--oci", dir.Path, "--image", "name=a,file=x/Dockerfile", "--image", "name=a-oci,file=y/Dockerfile");

        Assert.Equal(2, exitCode);
        Assert.Equal("crossbuild: bake image name 'a-oci' is also image 'a''s layout target: expected names that do not end in another image's name and '-oci'", stderr.Trim());
    }

    [Fact]
    public void A_sign_key_without_a_push_is_refused_as_a_usage_mistake()
    {
        using var dir = new TempDirectory();
        var (key, _) = TestKeys.Write(dir);

        var (exitCode, _, stderr) = CliRunner.Run("image", "bake", "--oci", dir.Combine("oci"), "--sign-key", key, "--image", "name=a,file=" + dir.Combine("no", "Dockerfile"));

        Assert.Equal(2, exitCode);
        Assert.Equal("crossbuild: --sign-key signs what is pushed: expected --push, got no push", stderr.Trim());
        Assert.False(Directory.Exists(dir.Combine("oci")));
    }

    [Fact]
    public void A_sign_key_option_without_a_file_is_a_usage_mistake()
    {
        var (exitCode, _, stderr) = CliRunner.Run("image", "bake", "--push", "--image", "name=a,file=Dockerfile,tag=127.0.0.1:1/never:1", "--sign-key");

        Assert.Equal(2, exitCode);
        Assert.Contains("--sign-key", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)] // no such file
    [InlineData("not a key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")]
    public void A_key_that_cannot_sign_fails_with_one_line_before_any_image_is_planned(string? pem)
    {
        using var dir = new TempDirectory();
        var key = pem is null ? dir.Combine("missing.pem") : dir.Write("bad.pem", pem);

        // The Dockerfile does not exist and the registry is port 1: any work before the key check would say so instead.
        var (exitCode, stdout, stderr) = CliRunner.Run("image", "bake", "--push", "--sign-key", key, "--image", "name=a,file=" + dir.Combine("no", "Dockerfile") + ",tag=127.0.0.1:1/never:1");

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith($"crossbuild: signing key {key}: expected ", line, StringComparison.Ordinal);
    }
}

using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Cli;

/// <summary><c>crossbuild image bake</c>'s mistakes are one line and exit 2, before anything is built.</summary>
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
}

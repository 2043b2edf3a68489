namespace Nuke.CrossBuild.Tests.Infra;

/// <summary>The tests find the repository by its marker file, whatever the output layout (issue 23).</summary>
public sealed class RepoPathsSpecs : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("tests/Nuke.CrossBuild.Tests/bin/Debug/net10.0/")]
    [InlineData("tests/Nuke.CrossBuild.Tests/bin/Debug/")]
    [InlineData("artifacts/bin/Nuke.CrossBuild.Tests/release")]
    public void The_root_is_the_nearest_directory_holding_the_solution_file(string output)
    {
        var root = Directory.CreateDirectory(temp.Combine("repo")).FullName;
        File.WriteAllText(Path.Combine(root, RepoPaths.Marker), string.Empty);
        var start = Directory.CreateDirectory(Path.Combine(root, output)).FullName;

        Assert.Equal(root, RepoPaths.FindRoot(start));
    }

    [Fact]
    public void Without_a_marker_above_the_search_fails_in_one_line()
    {
        var start = Directory.CreateDirectory(temp.Combine("no-repo", "bin", "Debug")).FullName;

        var error = Assert.Throws<DirectoryNotFoundException>(() => RepoPaths.FindRoot(start));

        Assert.StartsWith("expected CrossBuild.sln in ", error.Message);
    }

    [Theory]
    [InlineData("/r/tests/T/bin/Debug/net10.0/", "Debug")]
    [InlineData("/r/tests/T/bin/Release/", "Release")]
    [InlineData("/r/out/", "Debug")]
    public void The_configuration_is_the_directory_after_bin(string output, string expected)
    {
        Assert.Equal(expected, RepoPaths.FindConfiguration(output));
    }

    [Fact]
    public void This_run_finds_the_checkout_it_was_built_in()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "action.yml")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, ".nuke", "parameters.json")));
    }
}

using Nuke.CrossBuild.Tests.Images.Assembly;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Cli;

/// <summary><c>crossbuild image assemble</c>: the Go matrix's output to a verified OCI layout or tarball, one line per mistake.</summary>
public sealed class ImageAssembleCommandSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task It_prints_the_index_digest_and_writes_a_layout_the_image_verifier_accepts()
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        var pattern = Path.Combine(source, AssemblyInputs.Pattern);

        var (exitCode, stdout, stderr) = CliRunner.Run("image", "assemble", pattern, "--platforms", "linux/amd64,linux/arm64,linux/arm/v7", "--oci", dir.Combine("out"), "--epoch", "0", "--static", "--json");
        var (verifyCode, verified, _) = CliRunner.Run("image", "verify", dir.Combine("out"), "--platforms", "linux/amd64,linux/arm64,linux/arm/v7", "--static");

        Assert.True(exitCode == 0, stderr);
        Assert.Matches("\"digest\": \"sha256:[0-9a-f]{64}\"", stdout);
        Assert.Equal(0, verifyCode);
        Assert.Equal(3, verified.Split('\n').Count(l => l.StartsWith("ok linux/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("--user", "app", "invalid user 'app': expected uid or uid:gid in numbers")]
    [InlineData("--epoch", "yesterday", "invalid --epoch 'yesterday': expected Unix seconds")]
    [InlineData("--file", "ca.pem", "invalid --file 'ca.pem': expected host-file:/absolute/path/in/image")]
    [InlineData("--file", "{dir}/ca.pem:/etc/../x", "invalid --file destination '/etc/../x': expected an absolute path in the image")]
    [InlineData("--env", "1X=a", "invalid environment variable name '1X'")]
    public async Task A_bad_option_is_one_line_and_nothing_is_written(string option, string value, string message)
    {
        var source = await AssemblyInputs.CopyToAsync(dir.Path);
        dir.Write("ca.pem", "x");
        var (exitCode, _, stderr) = CliRunner.Run("image", "assemble", Path.Combine(source, AssemblyInputs.Pattern), "--platforms", "linux/amd64", "--oci", dir.Combine("out"), option, value.Replace("{dir}", dir.Path, StringComparison.Ordinal));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("crossbuild: " + message, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public void Without_an_output_it_is_a_usage_error()
    {
        var (exitCode, _, stderr) = CliRunner.Run("image", "assemble", "--platforms", "linux/amd64");

        Assert.Equal(2, exitCode);
        Assert.Equal("crossbuild: nothing to write: expected --oci <dir>, --tar <file> and/or --push <ref>", stderr.TrimEnd());
    }

    [Fact]
    public void A_missing_binary_names_the_directory_it_looked_in()
    {
        var (exitCode, _, stderr) = CliRunner.Run("image", "assemble", dir.Combine("bin", "{os}_{arch}[_{variant}]", "{name}"), "--platforms", "linux/riscv64", "--tar", dir.Combine("x.tar"));

        Assert.Equal(1, exitCode);
        Assert.Equal($"crossbuild: linux/riscv64: expected one binary in {dir.Combine("bin", "linux_riscv64")}, found none; build it first or say which with --name", stderr.TrimEnd());
    }
}

using System.Formats.Tar;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Cli;

/// <summary>Every failure is one line on standard error with a documented exit code; a stack trace only with --verbose.</summary>
public sealed class ErrorHandlingSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static void OneLine(string stderr, string expectedStart)
    {
        var lines = stderr.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, "expected one line, got:\n" + stderr);
        Assert.StartsWith(expectedStart, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(",")]
    public void An_empty_or_blank_platform_is_a_usage_error(string platform)
    {
        var (exitCode, stdout, stderr) = CliRunner.Run("platform", platform);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        OneLine(stderr, "crossbuild: invalid platform '': expected at least one platform");
    }

    [Fact(Timeout = 10_000)]
    public void Verifying_a_fifo_answers_at_once_in_one_line()
    {
        var fifo = dir.Combine("binary");
        Fifo.Make(fifo);

        var (exitCode, _, stderr) = CliRunner.Run("verify", "--platform", "linux/arm64", fifo);

        Assert.Equal(1, exitCode);
        OneLine(stderr, $"file {fifo} is not a linux/arm64 binary: not a regular file (a FIFO (named pipe)); crossbuild reads binaries from files");
    }

    [Fact]
    public async Task A_go_module_directory_that_does_not_exist_is_one_line_before_anything_builds()
    {
        await Requires.GoAsync();
        var missing = dir.Combine("no-such-module");

        var (exitCode, stdout, stderr) = CliRunner.Run("go", "build", "--platforms", "linux/arm64", "-C", missing);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain(" go build ", stdout, StringComparison.Ordinal);
        OneLine(stderr, $"crossbuild: expected the Go module directory {missing} to exist, got nothing there");
    }

    [Fact]
    public async Task A_hostile_image_tar_is_one_line_and_exit_1()
    {
        var tar = dir.Combine("evil.tar");
        await using (var stream = File.Create(tar))
        await using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "index.json") { LinkName = "/dev/zero" }, TestContext.Current.CancellationToken);
        }

        var (exitCode, _, stderr) = CliRunner.Run("image", "verify", tar);

        Assert.Equal(1, exitCode);
        OneLine(stderr, $"crossbuild: {tar} is not a valid tar archive (index.json is a SymbolicLink entry");
    }

    [Fact]
    public void A_missing_image_is_one_line_and_verbose_adds_the_stack_trace()
    {
        var missing = dir.Combine("nothing.tar");
        File.WriteAllText(missing, "not a tar");

        var quiet = CliRunner.Run("image", "verify", missing);
        var verbose = CliRunner.Run("image", "verify", missing, "--verbose");

        Assert.Equal(1, quiet.ExitCode);
        OneLine(quiet.StdErr, $"crossbuild: {missing} is not");
        Assert.Contains("   at ", verbose.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_size_is_a_usage_error()
    {
        var (exitCode, _, stderr) = CliRunner.Run("image", "verify", dir.Path, "--max-binary-size", "lots");

        Assert.Equal(2, exitCode);
        OneLine(stderr, "crossbuild: --max-binary-size: expected a size such as 512M or 1G, got 'lots'");
    }
}

using Nuke.CrossBuild.Tests.Images;
using Nuke.CrossBuild.Tests.Infra;
using Nuke.CrossBuild.Tests.Verification;

namespace Nuke.CrossBuild.Tests.Cli;

/// <summary>
/// Strings from an image or a user never start a line the GitHub Actions runner would read as a workflow command
/// (security review 2026-12-07, L3): they are printed folded, with line breaks and control characters escaped.
/// </summary>
public sealed class LogInjectionSpecs : IDisposable
{
    private const string Injection = "\n::error title=crossbuild::INJECTED-ANNOTATION\n::add-mask::linux";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    // Every way a runner or a terminal might split lines.
    private static string[] Lines(string text) => text.Split(['\n', '\r', '\u0085', '\u2028', '\u2029', '\u000b', '\u000c']);

    [Theory]
    [InlineData(Injection)]
    [InlineData("\r::error::CR")]
    [InlineData("\u2028::error::LS")]
    [InlineData("\u0085::error::NEL")]
    public void An_entrypoint_carrying_workflow_commands_never_starts_a_line_with_two_colons(string injection)
    {
        var layout = new OciLayoutBuilder().Add("linux/arm64", [[LayerEntry.File("app", new ElfFixture { Machine = 183 }.Build())]], entrypoint: ["/f" + injection]).Write(dir.Combine("layout"));

        var (exitCode, stdout, stderr) = CliRunner.Run("image", "verify", layout, "--platforms", "linux/arm64");

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain(Lines(stdout + stderr), l => l.TrimStart().StartsWith("::", StringComparison.Ordinal));
        Assert.Contains("::error", stderr, StringComparison.Ordinal); // still reported, on the problem's line
    }

    [Theory]
    [InlineData(Injection)]
    [InlineData("\u2028::error::LS")]
    [InlineData("\u001b]0;title\u0007::x")]
    public void An_error_carrying_a_user_value_with_line_breaks_is_one_escaped_line(string injection)
    {
        var (exitCode, stdout, stderr) = CliRunner.Run("matrix", "linux/amd64" + injection);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(stdout);
        Assert.Single(Lines(stderr.TrimEnd('\n')));
        Assert.DoesNotContain(stderr.TrimEnd('\n'), c => char.IsControl(c) || c is '\u2028' or '\u2029');
    }
}

using System.Text.Json;
using Nuke.CrossBuild.Tests.Cli;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Dockerfiles;

/// <summary><c>crossbuild dockerfile doctor</c>: JSON that names the file and keeps characters, --target and --platforms, exit 2 for what is not a Dockerfile.</summary>
public sealed class DockerfileDoctorCommandSpecs
{
    private const string Buggy = """
        FROM --platform=$BUILDPLATFORM golang:1.23 AS build
        RUN CGO_ENABLED=0 go build -o '/out/it''s <app>' .
        FROM scratch AS release
        COPY --from=build /out/ /
        FROM --platform=linux/arm64 alpine:3.20 AS debug
        """;

    [Fact]
    public void Json_names_the_file_and_keeps_characters_as_they_are()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("Dockerfile");
        File.WriteAllText(path, Buggy);

        var (exitCode, stdout, _) = CliRunner.Run("dockerfile", "doctor", path, "--json", "--target", "release");

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("\\u0027", stdout, StringComparison.Ordinal);
        Assert.Contains("'", stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(path, json.RootElement.GetProperty("file").GetString());
        Assert.Equal(["host-arch-binary"], json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()));
    }

    [Fact]
    public void The_target_and_the_platforms_narrow_the_findings()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("Dockerfile");
        File.WriteAllText(path, Buggy);

        Assert.Equal(1, CliRunner.Run("dockerfile", "doctor", path).ExitCode);
        Assert.Equal(0, CliRunner.Run("dockerfile", "doctor", path, "--platforms", "linux/arm64").ExitCode);
        Assert.Contains("1 error(s)", CliRunner.Run("dockerfile", "doctor", path, "--target", "release").StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u007fELF\u0002\u0001\u0001\0\0\0")]
    [InlineData("just some text\n")]
    public void A_file_that_is_not_a_dockerfile_is_exit_2_with_one_line(string content)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("Dockerfile");
        File.WriteAllText(path, content);

        var (exitCode, stdout, stderr) = CliRunner.Run("dockerfile", "doctor", path);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("expected a Dockerfile", stderr, StringComparison.Ordinal);
    }
}

using Nuke.CrossBuild.Dockerfiles;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests.Dockerfiles;

/// <summary>A finding quotes the Dockerfile: what it quotes can never reorder or hide the printed text (review B7).</summary>
public sealed class DoctorOutputEscapeSpecs
{
    [Theory]
    [InlineData('\u202E', "\\u202e")]
    [InlineData('\u200B', "\\u200b")]
    public void Bidi_and_zero_width_characters_from_the_dockerfile_are_printed_escaped(char hidden, string escaped)
    {
        var dockerfile = $"FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN GOARCH=arm{hidden}64 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n";

        var findings = DockerfileDoctor.Examine(dockerfile, PlatformSelection.Of(["linux/amd64,linux/arm64"]).Expand());
        var quoting = findings.Where(f => f.ToString().Contains(escaped, StringComparison.Ordinal)).ToList();

        Assert.True(quoting.Count > 0, string.Join(" / ", findings));
        Assert.All(findings, f => Assert.DoesNotContain(hidden, f.ToString()));
    }
}

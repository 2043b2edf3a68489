using System.Text.Json;
using Nuke.CrossBuild.Buildx;

namespace Nuke.CrossBuild.Tests.Buildx;

/// <summary>The rendered file, read back by the real <c>docker buildx bake --print</c> (needs the docker CLI with buildx, not the engine).</summary>
public sealed class BakePrintSpecs
{
    [Fact]
    public async Task Bake_reads_the_rendered_file_with_inherits_applied_and_every_value_literal()
    {
        using var temp = new Infra.TempDirectory();
        temp.Write("Dockerfile", "FROM scratch\n");
        var settings = new BakeSettings()
            .AddTarget("base", t => t.AddArg("GO_IMAGE", "golang:1.23").AddArg("NOTE", "${HOME} %{if true}x%{endif} \"q\"").DisableProvenance())
            .AddMatrix("samples", ["one", "two"], s => s, (t, s) => t.SetContext(temp.Path).SetDockerfile("Dockerfile").SetPlatforms("linux/amd64,linux/arm64").SetTags($"r/{s}:1")
                .AddOutput(BuildxOutput.Oci(Path.Combine(temp.Path, s + ".tar"))), inherits: "base")
            .SetBuild("samples");

        var printed = JsonDocument.Parse(await BakeTasks.PrintAsync(settings, TestContext.Current.CancellationToken)).RootElement;

        var two = printed.GetProperty("target").GetProperty("two");
        Assert.Equal("${HOME} %{if true}x%{endif} \"q\"", two.GetProperty("args").GetProperty("NOTE").GetString());
        Assert.Equal("golang:1.23", two.GetProperty("args").GetProperty("GO_IMAGE").GetString());
        Assert.Equal(["linux/amd64", "linux/arm64"], two.GetProperty("platforms").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["one", "two"], printed.GetProperty("group").GetProperty("samples").GetProperty("targets").EnumerateArray().Select(p => p.GetString()));
    }
}

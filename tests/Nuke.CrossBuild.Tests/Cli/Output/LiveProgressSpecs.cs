using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Cli.Output;

/// <summary>The real CLI in a real pseudo-terminal (util-linux script): live progress when it is a terminal, plain lines with NO_COLOR.</summary>
public sealed class LiveProgressSpecs : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private async Task<string> RunInTerminalAsync(Dictionary<string, string?> env)
    {
        await Requires.GoAsync();
        var source = GoBuilder.AssetDirectory("hello");
        dir.Write("run.sh", $"#!/bin/sh\nexec dotnet '{RepoPaths.CliDll}' go build --platforms linux/amd64,linux/arm64 -C '{source}' -o '{dir.Combine("bin", "{platform}", "{name}")}'\n");
        env.TryAdd("GOCACHE", null); // the user's cache unless a test wants a cold one
        env["GOFLAGS"] = "-buildvcs=false";
        var typescript = dir.Combine("typescript");
        var result = await Tool.RunAsync("script", ["-q", "-e", "-c", $"sh {dir.Combine("run.sh")}", typescript], env, dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        var text = await File.ReadAllTextAsync(typescript, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, $"exit {result.ExitCode}:\n{text}");
        return text;
    }

    [Fact(Timeout = 300_000)]
    public async Task On_a_terminal_go_build_shows_a_live_row_per_platform_then_the_summary()
    {
        // A cold cache makes the builds take long enough for several frames.
        var text = await RunInTerminalAsync(new() { ["TERM"] = "xterm-256color", ["NO_COLOR"] = null, ["GOCACHE"] = dir.Combine("gocache") });

        Assert.Contains("\u001b[", text, StringComparison.Ordinal);
        Assert.Matches(@"linux/arm64\s+│ \u001b\[[0-9;]*mbuilding", text); // a live frame
        Assert.Contains("╭", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[linux/arm64] GOOS=linux", text, StringComparison.Ordinal); // log lines only for failures
    }

    [Fact(Timeout = 300_000)]
    public async Task With_no_color_the_same_terminal_gets_plain_lines_and_no_escape_sequences()
    {
        var text = await RunInTerminalAsync(new() { ["TERM"] = "xterm-256color", ["NO_COLOR"] = "1" });

        // .NET itself switches the keypad mode (ESC[?1h ESC=) on any terminal; no colours, no cursor moves, no borders here.
        Assert.DoesNotMatch(@"\u001b\[[0-9;]*[mAKGJ]", text);
        Assert.DoesNotContain("│", text, StringComparison.Ordinal);
        Assert.Contains("[linux/arm64] GOOS=linux GOARCH=arm64", text, StringComparison.Ordinal);
        Assert.Matches(@"platform\s+mode\s+seconds\s+size\s+static\s+verified\s+smoke", text);
    }
}

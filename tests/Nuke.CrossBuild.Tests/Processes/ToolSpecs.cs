using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Processes;

/// <summary>Every external tool runs through one CliWrap wrapper: arguments as a list, stdin closed, lines streamed, the whole tree stopped on cancellation, typed failures.</summary>
public sealed class ToolSpecs
{
    [Fact]
    public async Task A_failing_tool_is_a_typed_failure_with_its_exit_code_and_last_error_lines()
    {
        var result = await Tool.RunAsync("/bin/sh", ["-c", "echo one >&2; echo two >&2; echo three >&2; echo four >&2; exit 3"], cancellationToken: TestContext.Current.CancellationToken);

        var failure = Assert.Throws<ToolFailedException>(() => result.EnsureSucceeded("sh -c"));
        Assert.Equal(3, failure.ExitCode);
        Assert.Equal(["two", "three", "four"], failure.ErrorLines);
        Assert.Equal("sh -c failed with exit code 3: two | three | four", failure.Message);
    }

    [Fact]
    public async Task Arguments_reach_the_tool_as_given_with_no_shell_in_between()
    {
        var result = await Tool.RunAsync("/bin/echo", ["$HOME", "a b", "; rm -rf /", "`id`"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("$HOME a b ; rm -rf / `id`\n", result.StdOut);
    }

    [Fact(Timeout = 10_000)]
    public async Task Standard_input_is_closed_unless_given()
    {
        var closed = await Tool.RunAsync("/bin/cat", [], cancellationToken: TestContext.Current.CancellationToken);
        var given = await Tool.RunAsync("/bin/cat", [], standardInput: "secret\n", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(string.Empty, closed.StdOut);
        Assert.Equal("secret\n", given.StdOut);
    }

    [Fact]
    public async Task Output_lines_are_streamed_as_they_come()
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>(); // stdout and stderr arrive on two threads

        await Tool.RunAsync("/bin/sh", ["-c", "echo out; echo err >&2"], onLine: lines.Enqueue, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["err", "out"], lines.Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_stops_the_tool_and_every_descendant_even_one_that_ignores_sigint()
    {
        var marker = $"crossbuild-tool-spec-{Guid.NewGuid():n}";
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        // A grandchild that ignores SIGINT and one started in the background (an orphan once sh is gone); the marker is in their environment.
        var options = new ToolRunOptions { GracePeriod = TimeSpan.FromSeconds(1), Environment = new Dictionary<string, string?> { ["CROSSBUILD_TOOL_SPEC"] = marker } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Tool.RunAsync("/bin/sh", ["-c", "trap '' INT; (trap '' INT; exec sleep 300) & sleep 301; wait"], options, cancel.Token));

        Assert.Empty(await Leftovers.ProcessesAfterAsync(marker, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_missing_program_is_exit_127_with_its_name()
    {
        var result = await Tool.RunAsync("/nonexistent/crossbuild-tool", [], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(127, result.ExitCode);
        Assert.StartsWith("/nonexistent/crossbuild-tool: ", result.StdErr, StringComparison.Ordinal);
    }

    // Review item 13: output was held whole, so a tool writing 200 MB on one line cost 400 MB of string (and more while
    // the builder grew). Now the head and the tail are kept and the middle is counted.
    [Fact(Timeout = 120_000)]
    public async Task A_tool_writing_200_mb_keeps_its_head_and_tail_and_says_how_much_was_dropped()
    {
        var options = new ToolRunOptions { OutputBound = 1024 * 1024 };

        var result = await Tool.RunAsync("/bin/sh", ["-c", "echo first; head -c 200000000 /dev/zero | tr '\\0' x; echo; echo last >&2; echo last"], options, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.InRange(result.StdOut.Length, 2 * 1024 * 1024, 4 * 1024 * 1024);
        Assert.StartsWith("first\nxxx", result.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("xxx\nlast\n", result.StdOut, StringComparison.Ordinal);
        var dropped = System.Text.RegularExpressions.Regex.Match(result.StdOut, @"\n\[\.\.\. (\d+) characters of output dropped \.\.\.\]\n");
        Assert.True(dropped.Success);
        Assert.Equal(200_000_000 + "first\n".Length + "\nlast\n".Length, long.Parse(dropped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + result.StdOut.Length - dropped.Length);
        Assert.Equal("last\n", result.StdErr);
    }

    [Fact]
    public async Task Output_within_the_bound_is_kept_whole()
    {
        var result = await Tool.RunAsync("/bin/sh", ["-c", "head -c 3000 /dev/zero | tr '\\0' y"], new ToolRunOptions { OutputBound = 1000 }, TestContext.Current.CancellationToken);

        Assert.Equal(new string('y', 3000), result.StdOut);
    }
}

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
}

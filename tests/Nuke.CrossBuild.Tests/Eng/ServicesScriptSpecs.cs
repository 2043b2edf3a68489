using System.Diagnostics;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Eng;

/// <summary>eng/services.sh trusts a PID file only while /proc/&lt;pid&gt;/exe is the service's binary (run against a private run directory).</summary>
public sealed class ServicesScriptSpecs : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly Process sleeper = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;

    public void Dispose()
    {
        sleeper.Kill();
        sleeper.Dispose();
        dir.Dispose();
    }

    private Task<ToolResult> ServicesAsync(params string[] args)
        => Tool.RunAsync("bash", [Path.Combine(RepoPaths.Root, "eng", "services.sh"), .. args], new Dictionary<string, string?> { ["CROSSBUILD_RUN"] = dir.Path }, cancellationToken: TestContext.Current.CancellationToken);

    [Fact(Timeout = 60_000)]
    public async Task A_pid_file_naming_another_process_counts_as_stopped_and_that_process_is_never_signalled()
    {
        File.WriteAllText(dir.Combine("registry.pid"), sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(dir.Combine("dockerd.pid"), "999999999");

        var status = await ServicesAsync("status");
        File.WriteAllText(dir.Combine("registry.pid"), sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stop = await ServicesAsync("stop");

        Assert.Equal(3, status.ExitCode);
        Assert.Contains("registry: stopped", status.StdOut, StringComparison.Ordinal);
        Assert.Contains("dockerd: stopped", status.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, stop.ExitCode);
        Assert.False(sleeper.HasExited, "stop signalled a process that only reused the PID");
        Assert.False(File.Exists(dir.Combine("registry.pid")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Stopping_what_a_run_recorded_stops_nothing_when_it_started_nothing()
    {
        var record = dir.Combine("record");

        var nothing = await ServicesAsync("stop", "--recorded", record);
        File.WriteAllText(record, string.Empty);
        var empty = await ServicesAsync("stop", "--recorded", record);
        var usage = await ServicesAsync("stop", "--everything");

        Assert.Equal(0, nothing.ExitCode);
        Assert.Contains("nothing was started by this run", nothing.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, empty.ExitCode);
        Assert.False(File.Exists(record));
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_service_that_became_another_program_after_sigterm_is_never_sent_sigkill()
    {
        // The "registry" (bash, as the script is told) turns into another program under the same PID when asked to stop,
        // as a PID reused during the wait would be: the wait's end must check again before kill -9.
        using var service = Process.Start(new ProcessStartInfo("bash", ["-c", "trap 'exec sleep 120' TERM; while :; do sleep 0.1; done"]) { UseShellExecute = false })!;
        try
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            File.WriteAllText(dir.Combine("registry.pid"), service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var bash = File.ResolveLinkTarget($"/proc/{service.Id}/exe", returnFinalTarget: false)!.FullName;

            var stop = await Tool.RunAsync("bash", [Path.Combine(RepoPaths.Root, "eng", "services.sh"), "stop"],
                new Dictionary<string, string?> { ["CROSSBUILD_RUN"] = dir.Path, ["CROSSBUILD_REGISTRY_EXE"] = bash, ["CROSSBUILD_STOP_WAIT"] = "2" }, cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(0, stop.ExitCode);
            Assert.False(service.HasExited, stop.StdOut + stop.StdErr);
            Assert.EndsWith("sleep", File.ResolveLinkTarget($"/proc/{service.Id}/exe", returnFinalTarget: false)!.FullName, StringComparison.Ordinal);
            Assert.Contains("now runs another program", stop.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            service.Kill();
        }
    }
}

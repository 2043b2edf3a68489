using System.Diagnostics;
using Nuke.CrossBuild.Binfmt;
using Nuke.CrossBuild.Internal;
using Nuke.CrossBuild.Machine;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Reports;
using Nuke.CrossBuild.Verification;

namespace Nuke.CrossBuild.Toolchains.Go;

/// <summary>One platform's build as steps: compile into a temporary file and move it into place, inspect and verify it, smoke-run it.</summary>
internal static class GoPlatformBuild
{
    private static string GoTempDirectory()
    {
        if (Environment.GetEnvironmentVariable("GOTMPDIR") is not { Length: > 0 } user)
        {
            return RunTemp.CreateDirectory("go");
        }

        var path = Path.Combine(user, $"crossbuild-{Environment.ProcessId}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already, or a file is still held; RunTemp's exit cleanup tries again.
        }
    }

    public static async Task<GoBuildResult> BuildAsync(
        GoBuildSettings settings, string go, string workingDirectory, BuildHost host, Platform platform, CToolchain? toolchain,
        GoInvocation? invocation, Action<string> log, Action<PlatformStage> stage, CancellationToken cancellationToken)
    {
        var result = new GoBuildResult { Platform = platform, Mode = host.RunsNatively(platform) ? BuildMode.Native : BuildMode.Cross, Toolchain = toolchain };
        if (invocation is null)
        {
            return result with { Error = toolchain?.Problem ?? "no toolchain" };
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return result with { Cancelled = true };
        }

        var job = new GoBuildJob(settings, go, workingDirectory, platform, invocation, log, stage, cancellationToken);
        var (compiled, built) = await CompileAsync(job, result).ConfigureAwait(false);
        if (!built)
        {
            return compiled;
        }

        return await JudgeAsync(job, compiled).ConfigureAwait(false);
    }

    // Verifies and smoke-runs the binary, unless the verdict record holds a pass for these very bytes under this policy.
    private static async Task<GoBuildResult> JudgeAsync(GoBuildJob job, GoBuildResult compiled)
    {
        var settings = job.Settings;
        var record = settings.VerdictRecord is { } directory && (settings.Verify || settings.SmokeArguments is not null)
            ? new VerdictRecord(Path.GetFullPath(directory)) : null;
        var subject = record is null ? null : GoBinaryVerdicts.Digest(job.Output);
        var policy = GoBinaryVerdicts.Policy(settings, job.Platform);
        if (record is not null && GoBinaryVerdicts.Read(record, subject!, policy, compiled with { Size = new FileInfo(job.Output).Length }) is { } recorded)
        {
            job.Log($"{job.Prefix}verified and smoke-run before ({subject}, recorded in {record.Directory}); not judged again: {recorded.SmokeOutput}");
            return recorded;
        }

        var verified = Verify(job, compiled);
        var judged = settings.SmokeArguments is { } smokeArgs && verified.Verified != false ? await SmokeAsync(job, verified, smokeArgs).ConfigureAwait(false) : verified;
        if (record is not null)
        {
            GoBinaryVerdicts.Write(record, job.Output, subject!, policy, judged);
        }

        return judged;
    }

    // Runs go build into a temporary file (and its own GOTMPDIR) and moves it into place; Built is false when go failed or was cancelled.
    private static async Task<(GoBuildResult Result, bool Built)> CompileAsync(GoBuildJob job, GoBuildResult result)
    {
        var invocation = job.Invocation;
        Directory.CreateDirectory(Path.GetDirectoryName(job.Output)!);
        var temp = $"{job.Output}.tmp-{Environment.ProcessId}-{Guid.NewGuid():n}";
        var args = invocation.Arguments.Select(a => a == invocation.Output ? temp : a).ToList();
        var env = invocation.Environment.ToDictionary(v => v.Key, v => (string?)v.Value);
        if (Environment.GetEnvironmentVariable("GOTOOLCHAIN") is null)
        {
            env.TryAdd("GOTOOLCHAIN", "local"); // never download another toolchain in the middle of a matrix
        }

        // go removes its work directory only when it exits normally: a SIGINT before its handler is installed, or a SIGKILL,
        // leaves go-build* behind. Each build gets a GOTMPDIR of its own, removed here whatever happened.
        var goTemp = GoTempDirectory();
        env["GOTMPDIR"] = goTemp;
        job.Stage(PlatformStage.Building);
        job.Log(job.Prefix + invocation);
        var clock = Stopwatch.StartNew();
        try
        {
            var run = await Tool.RunAsync(job.Go, args, env, job.WorkingDirectory, onLine: line => job.Log(job.Prefix + line), cancellationToken: job.CancellationToken).ConfigureAwait(false);
            result = result with { Invocation = invocation, Seconds = clock.Elapsed.TotalSeconds };
            if (!run.Succeeded)
            {
                var last = run.StdErr.Trim().Split('\n').LastOrDefault();
                var hint = !job.Settings.Cgo && last?.Contains("build constraints exclude all Go files", StringComparison.Ordinal) == true
                    ? " (with CGO_ENABLED=0 the files that import \"C\" are left out; enable cgo)"
                    : string.Empty;
                return (result with { Error = $"go build exited with {run.ExitCode}: {last}{hint}" }, false);
            }

            File.Move(temp, job.Output, overwrite: true);
            return (result, true);
        }
        catch (OperationCanceledException)
        {
            return (result with { Invocation = invocation, Cancelled = true }, false);
        }
        finally
        {
            File.Delete(temp);
            DeleteDirectory(goTemp);
        }
    }

    // Inspects the built binary (size, static) and verifies it when asked.
    private static GoBuildResult Verify(GoBuildJob job, GoBuildResult result)
    {
        var clock = Stopwatch.StartNew();
        var report = BinaryInspector.Inspect(job.Output);
        result = result with { Size = new FileInfo(job.Output).Length, Static = report.IsStatic };
        if (!job.Settings.Verify)
        {
            return result with { VerifySeconds = clock.Elapsed.TotalSeconds };
        }

        job.Stage(PlatformStage.Verifying);
        var verification = BinaryVerifier.Verify(report, job.Platform, job.Settings.Static);
        foreach (var problem in verification.Problems)
        {
            job.Log(job.Prefix + problem);
        }

        return result with { Verified = verification.Ok, Problems = verification.Problems, VerifySeconds = clock.Elapsed.TotalSeconds };
    }

    // Runs the binary once (natively or under QEMU).
    private static async Task<GoBuildResult> SmokeAsync(GoBuildJob job, GoBuildResult result, IReadOnlyList<string> smokeArgs)
    {
        job.Stage(PlatformStage.Smoke);
        var clock = Stopwatch.StartNew();
        try
        {
            var smoke = await BinaryRunner.RunAsync(job.Output, job.Platform, smokeArgs, cancellationToken: job.CancellationToken).ConfigureAwait(false);
            job.Log($"{job.Prefix}smoke ({smoke.How}): {smoke.Output}");
            return result with { SmokeOutput = smoke.Output, SmokeHow = smoke.How, SmokeSeconds = clock.Elapsed.TotalSeconds, Error = smoke.ExitCode == 0 ? null : $"smoke run ({smoke.How}) exited with {smoke.ExitCode}: {smoke.Output.Split('\n')[0]}" };
        }
        catch (CrossBuildException e)
        {
            return result with { Error = e.Message };
        }
    }

    // One platform's build, handed from step to step.
    private sealed record GoBuildJob(
        GoBuildSettings Settings, string Go, string WorkingDirectory, Platform Platform, GoInvocation Invocation, Action<string> Log, Action<PlatformStage> Stage, CancellationToken CancellationToken)
    {
        public string Output { get; } = Path.GetFullPath(Invocation.Output, WorkingDirectory);

        public string Prefix => $"[{Platform}] ";
    }
}

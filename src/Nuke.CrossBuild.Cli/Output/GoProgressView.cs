using System.Diagnostics;
using System.Globalization;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Reports;

namespace Nuke.CrossBuild.Cli.Output;

/// <summary>The live view of a matrix run: one row per platform with its stage and seconds, fed from several threads.</summary>
internal sealed class GoProgressView : IProgress<PlatformProgress>
{
    private readonly Lock gate = new();
    private readonly List<Platform> order = [];
    private readonly Dictionary<Platform, (PlatformStage Stage, double Seconds, long At)> state = [];
    private readonly Func<long> clock;

    /// <param name="clock">The timestamp source (<see cref="Stopwatch.GetTimestamp"/> unless a test fixes it).</param>
    public GoProgressView(Func<long>? clock = null) => this.clock = clock ?? Stopwatch.GetTimestamp;

    /// <summary>Gets the word for a stage, as the table shows it.</summary>
    public static string Word(PlatformStage stage) => stage switch
    {
        PlatformStage.Waiting => "waiting",
        PlatformStage.Building => "building",
        PlatformStage.Verifying => "verifying",
        PlatformStage.Smoke => "smoke",
        PlatformStage.Done => "done",
        PlatformStage.Failed => "failed",
        _ => "cancelled",
    };

    public void Report(PlatformProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            if (!state.ContainsKey(value.Platform))
            {
                order.Add(value.Platform);
            }

            state[value.Platform] = (value.Stage, value.Seconds, clock());
        }
    }

    /// <summary>The table as it is now: running stages count their seconds up, finished ones show their total.</summary>
    public SummaryTable Snapshot()
    {
        lock (gate)
        {
            var now = clock();
            return new SummaryTable(["platform", "stage", "seconds"], order.Select(p =>
            {
                var (stage, seconds, at) = state[p];
                var running = stage is PlatformStage.Building or PlatformStage.Verifying or PlatformStage.Smoke;
                var shown = running ? seconds + Stopwatch.GetElapsedTime(at, now).TotalSeconds : seconds;
                return (IReadOnlyList<string>)[p.ToString(), Word(stage), stage == PlatformStage.Waiting ? "-" : shown.ToString("0.0", CultureInfo.InvariantCulture)];
            }));
        }
    }
}

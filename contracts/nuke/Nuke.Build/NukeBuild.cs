using System.Linq.Expressions;
using Nuke.Common.CI;
using Nuke.Common.Execution;
using Nuke.Common.IO;
using Nuke.Common.Tooling;

namespace Nuke.Common;

/// <summary>
/// Contract of NUKE 10.1.0's <c>NukeBuild</c> (Nuke.Build): its public and protected members, so a build class
/// (build/Build.cs) compiles as it would against Nuke.Common. No engine: <see cref="Execute{T}"/> answers <c>--help</c>
/// (targets and parameters, exit 0, like NUKE's) and otherwise says so and returns 1;
/// the build-state members answer as a build that has not started; parameters are not injected (use the real package).
/// </summary>
public abstract class NukeBuild : INukeBuild
{
    protected NukeBuild()
    {
    }

    [Parameter("Root directory during build execution.", Name = "Root")]
    public static AbsolutePath RootDirectory { get; } = AbsolutePath.Create(Directory.GetCurrentDirectory());

    public static AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    public static AbsolutePath BuildAssemblyFile { get; }

    public static AbsolutePath BuildAssemblyDirectory { get; }

    public static AbsolutePath BuildProjectDirectory { get; }

    public static AbsolutePath BuildProjectFile { get; }

    [Parameter("Logging verbosity during build execution. Default is 'Normal'.")]
    public static Verbosity Verbosity { get; set; } = Verbosity.Normal;

    [Parameter("Host for execution. Default is 'automatic'.")]
    public static Host Host { get; set; }

    [Parameter("Defines the profiles to load.", Name = "Profile")]
    public static string[] LoadedLocalProfiles { get; } = [];

    public static bool IsLocalBuild => true;

    public static bool IsServerBuild => false;

    public IReadOnlyCollection<ExecutableTarget> ExecutionPlan { get; set; } = [];

    [Parameter("List of targets to be invoked. Default is '{default_target}'.", Name = "Target", Separator = "+")]
    public IReadOnlyCollection<ExecutableTarget> InvokedTargets => ExecutionPlan.Where(x => x.Invoked).ToList();

    [Parameter("List of targets to be skipped. Empty list skips all dependencies.", Name = "Skip", Separator = "+")]
    public IReadOnlyCollection<ExecutableTarget> SkippedTargets => ExecutionPlan.Where(x => x.Status == ExecutionStatus.Skipped).ToList();

    public IReadOnlyCollection<ExecutableTarget> ScheduledTargets => ExecutionPlan.Where(x => x.Status == ExecutionStatus.Scheduled).ToList();

    public IReadOnlyCollection<ExecutableTarget> RunningTargets => ExecutionPlan.Where(x => x.Status == ExecutionStatus.Running).ToList();

    public IReadOnlyCollection<ExecutableTarget> AbortedTargets => ExecutionPlan.Where(x => x.Status == ExecutionStatus.Aborted).ToList();

    public IReadOnlyCollection<ExecutableTarget> FailedTargets => ExecutionPlan.Where(x => x.Status == ExecutionStatus.Failed).ToList();

    public IReadOnlyCollection<ExecutableTarget> SucceededTargets => ExecutionPlan.Where(x => x.Status == ExecutionStatus.Succeeded).ToList();

    public IReadOnlyCollection<ExecutableTarget> FinishedTargets => FailedTargets.Concat(SucceededTargets).ToList();

    [Parameter("Shows the execution plan (HTML).")]
    public bool Plan { get; }

    [Parameter("Shows the help text for this build assembly.")]
    public bool Help { get; }

    [Parameter("Disables displaying the NUKE logo.")]
    public bool NoLogo { get; set; }

    [Parameter("Indicates to continue a previously failed build attempt.")]
    public bool Continue { get; internal set; }

    [Parameter("Partition to use on CI.", List = false)]
    public Partition Partition { get; internal set; } = Partition.Single;

    public bool IsSucceeding => !IsFailing;

    public bool IsFailing => ExecutionPlan.Any(x => x.Status is ExecutionStatus.Failed or ExecutionStatus.Aborted);

    public bool IsFinished => !ScheduledTargets.Concat(RunningTargets).Any();

    public int? ExitCode { get; set; }

    AbsolutePath INukeBuild.RootDirectory => RootDirectory;

    AbsolutePath INukeBuild.TemporaryDirectory => TemporaryDirectory;

    AbsolutePath INukeBuild.BuildAssemblyFile => BuildAssemblyFile;

    AbsolutePath INukeBuild.BuildAssemblyDirectory => BuildAssemblyDirectory;

    AbsolutePath INukeBuild.BuildProjectDirectory => BuildProjectDirectory;

    AbsolutePath INukeBuild.BuildProjectFile => BuildProjectFile;

    Verbosity INukeBuild.Verbosity => Verbosity;

    Host INukeBuild.Host => Host;

    bool INukeBuild.IsLocalBuild => IsLocalBuild;

    bool INukeBuild.IsServerBuild => IsServerBuild;

    protected internal virtual string NuGetPackagesConfigFile => null;

    protected internal virtual string NuGetAssetsConfigFile => null;

    protected internal virtual AbsolutePath NpmPackageJsonFile => null;

    protected internal virtual string EmbeddedPackagesDirectory => null;

    public void ReportSummary(Configure<Dictionary<string, string>> configurator = null)
    {
    }

    T INukeBuild.TryGetValue<T>(Expression<Func<T>> parameterExpression) => null; // NUKE injects parameters; the contract has no engine

    T INukeBuild.TryGetValue<T>(Expression<Func<object>> parameterExpression) => default;

    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargetExpressions)
        where T : NukeBuild, new()
    {
        if (StandInHelp.IsRequested(Environment.GetCommandLineArgs().Skip(1)))
        {
            StandInHelp.Write<T>(Console.Out, defaultTargetExpressions);
            return 0;
        }

        Console.Error.WriteLine("This build was compiled against contracts/nuke (stand-ins with no engine, only --help): run it with --property:UseNukeCommon=true where the Nuke.Common package is available.");
        return 1;
    }

    protected internal virtual void OnBuildCreated()
    {
    }

    protected internal virtual void OnBuildInitialized()
    {
    }

    protected internal virtual void OnBuildFinished()
    {
    }

    protected internal virtual void OnTargetRunning(string target)
    {
    }

    protected internal virtual void OnTargetSkipped(string target)
    {
    }

    protected internal virtual void OnTargetSucceeded(string target)
    {
    }

    protected internal virtual void OnTargetFailed(string target)
    {
    }
}

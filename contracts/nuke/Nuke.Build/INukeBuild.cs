using System.Linq.Expressions;
using Nuke.Common.CI;
using Nuke.Common.Execution;
using Nuke.Common.IO;
using Nuke.Common.Tooling;

namespace Nuke.Common;

/// <summary>
/// Contract of NUKE 10.1.0's <c>INukeBuild</c> (Nuke.Build): every public member, same names and signatures, so a
/// component member that clashes with one (as <c>IHazPlatforms.Plan</c> did with the <c>--plan</c> switch) fails here as
/// under NUKE. NUKE's five internal members (ExecutableTargets, BuildExtensions, IsInterceptorExecution,
/// LoadedLocalProfiles, IsOutputEnabled) are left out: they only make the interface implementable by NukeBuild alone,
/// and the tests that fake a host are excluded under -p:UseNukeCommon=true for that reason.
/// </summary>
public interface INukeBuild
{
    void ReportSummary(Configure<Dictionary<string, string>> configurator = null);

    IReadOnlyCollection<ExecutableTarget> ExecutionPlan { get; }

    IReadOnlyCollection<ExecutableTarget> InvokedTargets { get; }

    IReadOnlyCollection<ExecutableTarget> SkippedTargets { get; }

    IReadOnlyCollection<ExecutableTarget> ScheduledTargets { get; }

    IReadOnlyCollection<ExecutableTarget> RunningTargets { get; }

    IReadOnlyCollection<ExecutableTarget> AbortedTargets { get; }

    IReadOnlyCollection<ExecutableTarget> FailedTargets { get; }

    IReadOnlyCollection<ExecutableTarget> SucceededTargets { get; }

    IReadOnlyCollection<ExecutableTarget> FinishedTargets { get; }

    bool IsSucceeding { get; }

    bool IsFailing { get; }

    bool IsFinished { get; }

    int? ExitCode { get; set; }

    AbsolutePath RootDirectory { get; }

    AbsolutePath TemporaryDirectory { get; }

    AbsolutePath BuildAssemblyFile { get; }

    AbsolutePath BuildAssemblyDirectory { get; }

    AbsolutePath BuildProjectDirectory { get; }

    AbsolutePath BuildProjectFile { get; }

    Verbosity Verbosity { get; }

    Host Host { get; }

    bool Plan { get; }

    bool Help { get; }

    bool NoLogo { get; }

    bool IsLocalBuild { get; }

    bool IsServerBuild { get; }

    bool Continue { get; }

    Partition Partition { get; }

    T TryGetValue<T>(Expression<Func<T>> parameterExpression) where T : class;

    T TryGetValue<T>(Expression<Func<object>> parameterExpression);
}

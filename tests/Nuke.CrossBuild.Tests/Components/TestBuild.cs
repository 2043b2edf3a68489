using System.Linq.Expressions;
using Nuke.Common;
using Nuke.Common.CI;
using Nuke.Common.Execution;
using Nuke.Common.IO;
using Nuke.CrossBuild.Buildx;
using Nuke.CrossBuild.Components;
using Nuke.CrossBuild.Toolchains.Go;

namespace Nuke.CrossBuild.Tests.Components;

// Inside Nuke.CrossBuild.*, the core's own Configure<T> would win over NUKE's; import NUKE's here.
using Nuke.Common.Tooling;

/// <summary>
/// A build class using every CrossBuild component, the way a NUKE build would (NUKE's <c>NukeBuild</c> is not in the
/// contract): parameters come from a dictionary by member name, as NUKE's value injection would supply them, and the
/// settings hooks can be overridden the way a build class overrides them (explicit interface implementations).
/// </summary>
public class TestBuild(string root, IReadOnlyDictionary<string, object>? parameters = null) : IPublishImages, IVerifyBinaries, IAssembleImages, IReleaseBinaries, IBakeImages
{
    public Configure<GoBuildSettings> GoHook { get; init; } = _ => _;

    public Configure<BuildxBuildSettings> BuildHook { get; init; } = _ => _;

    Configure<GoBuildSettings> ICrossCompileGo.CrossCompileGoSettings => GoHook;

    Configure<BuildxBuildSettings> IBuildImages.BuildImagesSettings => BuildHook;

    public AbsolutePath RootDirectory { get; } = AbsolutePath.Create(root);

    public bool IsLocalBuild => true;

    public bool IsServerBuild => false;

    // The rest of INukeBuild, as a build that has not started would answer (no target ran, nothing planned).
    public IReadOnlyCollection<ExecutableTarget> ExecutionPlan => [];

    public IReadOnlyCollection<ExecutableTarget> InvokedTargets => [];

    public IReadOnlyCollection<ExecutableTarget> SkippedTargets => [];

    public IReadOnlyCollection<ExecutableTarget> ScheduledTargets => [];

    public IReadOnlyCollection<ExecutableTarget> RunningTargets => [];

    public IReadOnlyCollection<ExecutableTarget> AbortedTargets => [];

    public IReadOnlyCollection<ExecutableTarget> FailedTargets => [];

    public IReadOnlyCollection<ExecutableTarget> SucceededTargets => [];

    public IReadOnlyCollection<ExecutableTarget> FinishedTargets => [];

    public bool IsSucceeding => true;

    public bool IsFailing => false;

    public bool IsFinished => false;

    public int? ExitCode { get; set; }

    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    public AbsolutePath BuildAssemblyFile => AbsolutePath.Create(typeof(TestBuild).Assembly.Location);

    public AbsolutePath BuildAssemblyDirectory => AbsolutePath.Create(AppContext.BaseDirectory);

    public AbsolutePath? BuildProjectDirectory => null;

    public AbsolutePath? BuildProjectFile => null;

    public Verbosity Verbosity => Verbosity.Normal;

    public Host Host => null!;

    public bool Plan => false;

    public bool Help => false;

    public bool NoLogo => true;

    public bool Continue => false;

    public Partition Partition => Partition.Single;

    public void ReportSummary(Configure<Dictionary<string, string>>? configurator = null)
    {
    }

    public T TryGetValue<T>(Expression<Func<T>> parameterExpression)
        where T : class => (T)Lookup(parameterExpression.Body)!;

    public T TryGetValue<T>(Expression<Func<object>> parameterExpression) => (T)Lookup(parameterExpression.Body)!;

    private object? Lookup(Expression body)
    {
        var member = (MemberExpression)(body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : body);
        return parameters?.GetValueOrDefault(member.Member.Name);
    }
}

using System.Linq.Expressions;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace Nuke.CrossBuild.Tests.Components;

/// <summary>Records what a target definition declares, the way NUKE reads a <see cref="Target"/> delegate to plan a build.</summary>
public sealed class TargetRecorder(object build) : ITargetDefinition
{
    public string? Text { get; private set; }

    public List<Target> Dependencies { get; } = [];

    public List<string> DynamicConditions { get; } = [];

    public List<Func<bool>> Conditions { get; } = [];

    public List<string> Requirements { get; } = [];

    public List<string> Artifacts { get; } = [];

    public List<Func<Task>> Actions { get; } = [];

    public static TargetRecorder Record(object build, Target target)
    {
        var recorder = new TargetRecorder(build);
        target(recorder);
        return recorder;
    }

    public async Task RunAsync()
    {
        foreach (var action in Actions)
        {
            await action();
        }
    }

    public ITargetDefinition Description(string description) => Set(() => Text = description);

    public ITargetDefinition Executes(params Action[] actions) => Set(() => Actions.AddRange(actions.Select(a => (Func<Task>)(() => { a(); return Task.CompletedTask; }))));

    public ITargetDefinition Executes<T>(Func<T> action) => Set(() => Actions.Add(() => { action(); return Task.CompletedTask; }));

    public ITargetDefinition Executes(Func<Task> action) => Set(() => Actions.Add(action));

    public ITargetDefinition DependsOn(params Target[] targets) => Set(() => Dependencies.AddRange(targets));

    public ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets) => Set(() => Dependencies.AddRange(targets.Select(t => t((T)build))));

    public ITargetDefinition TryDependsOn<T>(params Func<T, Target>[] targets) => build is T ? DependsOn(targets) : this;

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? conditionExpression = null) => Set(() =>
    {
        Conditions.Add(condition);
        DynamicConditions.Add(conditionExpression ?? "?");
    });

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? conditionExpression = null) => OnlyWhenDynamic(condition, conditionExpression);

    public ITargetDefinition Requires<T>(Expression<Func<T>> parameterRequirement, params Expression<Func<T>>[] parameterRequirements)
        where T : class => Set(() => Requirements.AddRange(parameterRequirements.Prepend(parameterRequirement).Select(r => r.Body is MemberExpression m ? m.Member.Name : r.Body.ToString())));

    public ITargetDefinition Requires(Expression<Func<bool>> requirement, params Expression<Func<bool>>[] requirements)
        => Set(() => Requirements.AddRange(requirements.Prepend(requirement).Select(r => r.Body.ToString())));

    public ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior) => this;

    public ITargetDefinition After<T>(params Func<T, Target>[] targets) => this;

    public ITargetDefinition Produces(params string[] artifacts) => Set(() => Artifacts.AddRange(artifacts));

    // The rest of NUKE's ITargetDefinition: not used by the components, so recorded as unsupported where one would be.
    public ITargetDefinition DependentFor(params Target[] targets) => Unused();

    public ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets) => Unused();

    public ITargetDefinition TryDependentFor<T>(params Func<T, Target>[] targets) => Unused();

    public ITargetDefinition Requires<T>(Expression<Func<T?>> parameterRequirement, params Expression<Func<T?>>[] parameterRequirements)
        where T : struct => Set(() => Requirements.AddRange(parameterRequirements.Prepend(parameterRequirement).Select(r => r.Body.ToString())));

    public ITargetDefinition Requires<T>()
        where T : IRequireTool => Unused();

    public ITargetDefinition Requires<T>(string version)
        where T : IRequireToolWithVersion => Unused();

    public ITargetDefinition Requires(Expression<Func<Tool>> tool, params Expression<Func<Tool>>[] tools) => Unused();

    public ITargetDefinition Before(params Target[] targets) => Unused();

    public ITargetDefinition Before<T>(params Func<T, Target>[] targets) => Unused();

    public ITargetDefinition TryBefore<T>(params Func<T, Target>[] targets) => Unused();

    public ITargetDefinition After(params Target[] targets) => Unused();

    public ITargetDefinition TryAfter<T>(params Func<T, Target>[] targets) => Unused();

    public ITargetDefinition Triggers(params Target[] targets) => Unused();

    public ITargetDefinition Triggers<T>(params Func<T, Target>[] targets) => Unused();

    public ITargetDefinition TryTriggers<T>(params Func<T, Target>[] targets) => Unused();

    public ITargetDefinition TriggeredBy(params Target[] targets) => Unused();

    public ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets) => Unused();

    public ITargetDefinition TryTriggeredBy<T>(params Func<T, Target>[] targets) => Unused();

    public ITargetDefinition AssuredAfterFailure() => Unused();

    public ITargetDefinition ProceedAfterFailure() => Unused();

    public ITargetDefinition Unlisted() => Unused();

    public ITargetDefinition Base() => Unused();

    public ITargetDefinition Inherit(params Target[] targets) => Unused();

    public ITargetDefinition Inherit<T>(params Expression<Func<T, Target>>[] targets) => Unused();

    public ITargetDefinition Consumes(params Target[] targets) => Unused();

    public ITargetDefinition Consumes<T>(params Func<T, Target>[] targets) => Unused();

    public ITargetDefinition Consumes(Target target, params string[] artifacts) => Unused();

    public ITargetDefinition Consumes<T>(Func<T, Target> target, params string[] artifacts) => Unused();

    public ITargetDefinition Consumes<T>(params string[] artifacts) => Unused();

    public ITargetDefinition DependsOnContext<T>()
        where T : INukeBuild => Unused();

    public ITargetDefinition Partition(int size) => Unused();

    private static TargetRecorder Unused([System.Runtime.CompilerServices.CallerMemberName] string member = "")
        => throw new NotSupportedException($"the components do not call ITargetDefinition.{member}; the recorder does not model it");

    private TargetRecorder Set(Action change)
    {
        change();
        return this;
    }
}

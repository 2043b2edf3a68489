using System.Linq.Expressions;
using Nuke.Common;

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

    private TargetRecorder Set(Action change)
    {
        change();
        return this;
    }
}

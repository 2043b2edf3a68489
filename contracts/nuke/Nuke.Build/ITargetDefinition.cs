using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Nuke.Common.Tooling;

namespace Nuke.Common;

/// <summary>Contract of NUKE 10.1.0's <c>ITargetDefinition</c> (Nuke.Build): every member, same names, signatures and constraints.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    ITargetDefinition Executes(params Action[] actions);

    ITargetDefinition Executes<T>(Func<T> action);

    ITargetDefinition Executes(Func<Task> action);

    ITargetDefinition DependsOn(params Target[] targets);

    ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryDependsOn<T>(params Func<T, Target>[] targets);

    ITargetDefinition DependentFor(params Target[] targets);

    ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryDependentFor<T>(params Func<T, Target>[] targets);

    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression("condition")] string conditionExpression = null);

    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression("condition")] string conditionExpression = null);

    ITargetDefinition Requires<T>(Expression<Func<T>> parameterRequirement, params Expression<Func<T>>[] parameterRequirements)
        where T : class;

    ITargetDefinition Requires<T>(Expression<Func<T?>> parameterRequirement, params Expression<Func<T?>>[] parameterRequirements)
        where T : struct;

    ITargetDefinition Requires(Expression<Func<bool>> requirement, params Expression<Func<bool>>[] requirements);

    ITargetDefinition Requires<T>()
        where T : IRequireTool;

    ITargetDefinition Requires<T>(string version)
        where T : IRequireToolWithVersion;

    ITargetDefinition Requires(Expression<Func<Tool>> tool, params Expression<Func<Tool>>[] tools);

    ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior);

    ITargetDefinition Before(params Target[] targets);

    ITargetDefinition Before<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryBefore<T>(params Func<T, Target>[] targets);

    ITargetDefinition After(params Target[] targets);

    ITargetDefinition After<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryAfter<T>(params Func<T, Target>[] targets);

    ITargetDefinition Triggers(params Target[] targets);

    ITargetDefinition Triggers<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryTriggers<T>(params Func<T, Target>[] targets);

    ITargetDefinition TriggeredBy(params Target[] targets);

    ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryTriggeredBy<T>(params Func<T, Target>[] targets);

    ITargetDefinition AssuredAfterFailure();

    ITargetDefinition ProceedAfterFailure();

    ITargetDefinition Unlisted();

    ITargetDefinition Base();

    ITargetDefinition Inherit(params Target[] targets);

    ITargetDefinition Inherit<T>(params Expression<Func<T, Target>>[] targets);

    ITargetDefinition Produces(params string[] artifacts);

    ITargetDefinition Consumes(params Target[] targets);

    ITargetDefinition Consumes<T>(params Func<T, Target>[] targets);

    ITargetDefinition Consumes(Target target, params string[] artifacts);

    ITargetDefinition Consumes<T>(Func<T, Target> target, params string[] artifacts);

    ITargetDefinition Consumes<T>(params string[] artifacts);

    ITargetDefinition DependsOnContext<T>()
        where T : INukeBuild;

    ITargetDefinition Partition(int size);
}

using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Nuke.Common;

/// <summary>Contract of NUKE's <c>ITargetDefinition</c> (Nuke.Build): the methods the components call, same signatures.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    ITargetDefinition Executes(params Action[] actions);

    ITargetDefinition Executes<T>(Func<T> action);

    ITargetDefinition Executes(Func<Task> action);

    ITargetDefinition DependsOn(params Target[] targets);

    ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryDependsOn<T>(params Func<T, Target>[] targets);

    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression("condition")] string conditionExpression = null);

    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression("condition")] string conditionExpression = null);

    ITargetDefinition Requires<T>(Expression<Func<T>> parameterRequirement, params Expression<Func<T>>[] parameterRequirements) where T : class;

    ITargetDefinition Requires(Expression<Func<bool>> requirement, params Expression<Func<bool>>[] requirements);

    ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior);

    ITargetDefinition After<T>(params Func<T, Target>[] targets);

    ITargetDefinition Produces(params string[] artifacts);
}

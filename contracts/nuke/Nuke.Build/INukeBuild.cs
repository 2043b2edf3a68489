using System.Linq.Expressions;
using Nuke.Common.IO;

namespace Nuke.Common;

/// <summary>Contract of NUKE's <c>INukeBuild</c> (Nuke.Build): the members the components use, same signatures.</summary>
public interface INukeBuild
{
    AbsolutePath RootDirectory { get; }

    bool IsLocalBuild { get; }

    bool IsServerBuild { get; }

    T TryGetValue<T>(Expression<Func<T>> parameterExpression) where T : class;

    T TryGetValue<T>(Expression<Func<object>> parameterExpression);
}

using System.Linq.Expressions;
using System.Reflection;

namespace Nuke.Common;

/// <summary>
/// What <see cref="NukeBuild"/>'s stand-in <c>Execute</c> prints for <c>--help</c>: the build's targets and parameters
/// in the layout of NUKE 10.1.0's help (source/Nuke.Build/Execution/Extensions/HandleHelpRequestsAttribute.cs: targets
/// padded to 20, the default marked, then custom parameters, then NukeBuild's; exit code 0), read by reflection.
/// Dependencies are not shown: the stand-ins have no engine to evaluate the target definitions.
/// </summary>
internal static class StandInHelp
{
    public static bool IsRequested(IEnumerable<string> arguments)
        => arguments.Any(a => a.StartsWith('-') && a.Replace("-", string.Empty).Equals("help", StringComparison.OrdinalIgnoreCase));

    public static void Write<T>(TextWriter output, IEnumerable<LambdaExpression> defaultTargets)
    {
        var defaults = defaultTargets.Select(e => e.Body).OfType<MemberExpression>().Select(m => m.Member.Name).ToHashSet();
        var targets = Members(typeof(T)).OfType<PropertyInfo>().Where(p => p.PropertyType == typeof(Target)).Select(p => p.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        output.WriteLine("(contracts/nuke stand-in: no engine; run with --property:UseNukeCommon=true for NUKE's own help)");
        output.WriteLine("Targets (with their direct dependencies):");
        output.WriteLine();
        foreach (var target in targets)
        {
            output.WriteLine($"  {target + (defaults.Contains(target) ? " (default)" : string.Empty)}");
        }

        output.WriteLine();
        var parameters = Members(typeof(T)).Where(m => m.GetCustomAttribute<ParameterAttribute>() is not null).DistinctBy(m => m.Name).ToList();
        var pad = Math.Max(parameters.Max(p => Dashed(p).Length), 16);
        output.WriteLine("Parameters:");
        output.WriteLine();
        foreach (var parameter in parameters.Where(p => p.DeclaringType != typeof(NukeBuild)).Concat([null]).Concat(parameters.Where(p => p.DeclaringType == typeof(NukeBuild))))
        {
            output.WriteLine(parameter is null ? string.Empty : $"  --{Dashed(parameter).PadRight(pad)}  {Describe(parameter, defaults)}");
        }
    }

    private static string Describe(MemberInfo parameter, IReadOnlySet<string> defaults)
        => (parameter.GetCustomAttribute<ParameterAttribute>().Description ?? "<no description>")
            .Replace("{default_target}", defaults.Count > 0 ? string.Join(", ", defaults) : "<none>", StringComparison.Ordinal).TrimEnd('.') + ".";

    private static IEnumerable<MemberInfo> Members(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(all | BindingFlags.DeclaredOnly).Where(m => m is PropertyInfo or FieldInfo))
            {
                yield return member;
            }
        }

        foreach (var member in type.GetInterfaces().SelectMany(i => i.GetProperties(all | BindingFlags.DeclaredOnly)))
        {
            yield return member;
        }
    }

    private static string Dashed(MemberInfo member)
    {
        var name = member.GetCustomAttribute<ParameterAttribute>().Name ?? member.Name;
        return string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }
}

using System.Reflection;
using System.Runtime.ExceptionServices;
using Nuke.Common;
using Nuke.CrossBuild;
using Nuke.CrossBuild.Components;
using Nuke.CrossBuild.Matrix;
using Nuke.CrossBuild.Platforms;

/// <summary>
/// What this build prints once at the start of a run: each CrossBuild parameter's effective value and where it came
/// from (NUKE's precedence: command line, environment variable, parameters file, else the default); and what it
/// refuses before any target runs, as one-line <see cref="SettingsException"/>s (NUKE prints the message and exits
/// non-zero): a value that is not a boolean, a platform spec that names no platform, a parameter this build sets
/// itself given on the command line or in a parameters file. Unknown options and such a parameter set only by an
/// environment variable are warnings.
/// </summary>
internal static class ParameterReport
{
    // NUKE's own parameters that are not [Parameter] members of NukeBuild (source/Nuke.Build.Shared/Constants.cs).
    private static readonly string[] NukeByName = ["ShellCompletion", "VisualStudioDebug"];

    /// <summary>Checks the parameters and writes the report.</summary>
    /// <param name="build">The build (its type's parameters are reported).</param>
    /// <param name="sources">Where the values come from.</param>
    /// <param name="output">Where the report goes.</param>
    /// <exception cref="SettingsException">A value is refused.</exception>
    public static void Run(INukeBuild build, ParameterSources sources, TextWriter output)
    {
        var lines = Lines(build, sources);
        output.WriteLine("CrossBuild parameters (effective value, source):");
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>The report's lines, warnings included; refuses bad values.</summary>
    /// <param name="build">The build.</param>
    /// <param name="sources">Where the values come from.</param>
    /// <returns>One line per parameter, then one per warning.</returns>
    /// <exception cref="SettingsException">A value is refused.</exception>
    public static IReadOnlyList<string> Lines(INukeBuild build, ParameterSources sources)
    {
        var parameters = Parameters(build.GetType());
        var warnings = new List<string>();
        var lines = new List<string>();
        foreach (var (member, setByBuild) in parameters)
        {
            var name = Name(member);
            var found = sources.Find(name);
            if (setByBuild && found is not null)
            {
                var message = $"--{Dashed(name)}: expected no value (build/Build.cs sets it from --sample), got '{string.Join(' ', found.Values)}' ({found.Source})";
                if (!found.Source.StartsWith("environment", StringComparison.Ordinal))
                {
                    throw new SettingsException(message);
                }

                warnings.Add($"warning: {message}; ignored");
            }

            var source = setByBuild ? "set by build/Build.cs" : found?.Source ?? "default";
            lines.Add($"  --{Dashed(name),-22} {Format(Value(build, member)),-48} {source}");
        }

        CheckPlatforms(build);
        var declared = parameters.Select(p => Name(p.Member)).Concat(Parameters(typeof(NukeBuild)).Select(p => Name(p.Member)))
            .Concat(typeof(NukeBuild).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.GetCustomAttribute<ParameterAttribute>() is not null).Select(Name))
            .Concat(NukeByName);
        warnings.AddRange(sources.UnknownOptions(declared).Select(o => $"warning: unknown option '{o}': no parameter of this build or of NUKE has that name; ignored"));
        return [.. lines, .. warnings];
    }

    private static void CheckPlatforms(INukeBuild build)
    {
        if (build is not IHazPlatforms platforms)
        {
            return;
        }

        try
        {
            _ = PlatformSelection.Of(platforms.Platforms).Expand();
        }
        catch (UnsupportedPlatformException e)
        {
            throw new SettingsException($"--platforms: {e.Message}", e);
        }
    }

    private static List<(MemberInfo Member, bool SetByBuild)> Parameters(Type type)
    {
        var own = type.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m is FieldInfo or PropertyInfo && m.GetCustomAttribute<ParameterAttribute>() is not null)
            .Select(m => (m, false));
        var components = type.GetInterfaces().Where(i => i.Namespace == typeof(IHazPlatforms).Namespace)
            .SelectMany(i => i.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly).Select(p => (Interface: i, Property: p)))
            .Where(x => x.Property.GetCustomAttribute<ParameterAttribute>() is not null)
            .Select(x => ((MemberInfo)x.Property, IsImplementedBy(type, x.Interface, x.Property)));
        return [.. own.Concat(components).DistinctBy(x => x.Item1)];
    }

    private static bool IsImplementedBy(Type type, Type @interface, PropertyInfo property)
    {
        var map = type.GetInterfaceMap(@interface);
        var index = Array.IndexOf(map.InterfaceMethods, property.GetMethod);
        return index >= 0 && map.TargetMethods[index].DeclaringType == type;
    }

    private static string Name(MemberInfo member) => member.GetCustomAttribute<ParameterAttribute>()?.Name ?? member.Name;

    private static object? Value(INukeBuild build, MemberInfo member)
    {
        try
        {
            return member is FieldInfo field ? field.GetValue(build) : ((PropertyInfo)member).GetValue(build);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "(not set)",
        bool flag => flag ? "true" : "false",
        string text => text,
        System.Collections.IEnumerable items => string.Join(' ', items.Cast<object>()),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>NUKE's dashed name: camel humps split and joined with '-', lower case (RequireStatic → require-static).</summary>
    private static string Dashed(string name) => string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

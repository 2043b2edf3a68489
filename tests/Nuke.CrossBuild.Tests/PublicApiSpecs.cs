using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Nuke.CrossBuild.Platforms;

namespace Nuke.CrossBuild.Tests;

/// <summary>
/// The public APIs are approved: any change shows up as a diff of PublicApi.approved.txt (core library) or
/// PublicApi.Components.approved.txt (NUKE components).
/// </summary>
public sealed class PublicApiSpecs
{
    [Theory]
    [InlineData("")]
    [InlineData(".Components")]
    public void The_public_api_matches_the_approved_file(string suffix)
    {
        var assembly = suffix == ".Components" ? typeof(Nuke.CrossBuild.Components.IHazPlatforms).Assembly : typeof(Platform).Assembly;
        var actual = Dump(assembly);
        var approvedPath = Path.Combine(SourceDirectory(), $"PublicApi{suffix}.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved != actual)
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), $"PublicApi{suffix}.received.txt"), actual);
        }

        Assert.True(approved == actual, $"the public API changed: review tests/Nuke.CrossBuild.Tests/PublicApi{suffix}.received.txt and copy it over PublicApi{suffix}.approved.txt if the change is intended");
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    internal static string Dump(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(Name(type));
            var bases = new[] { type.BaseType }.Where(b => b is not null && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) && b != typeof(MulticastDelegate))
                .Concat(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).OrderBy(i => i.FullName, StringComparer.Ordinal)).Select(b => Name(b!)).ToList();
            text.Append(bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty).Append('\n');
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags).Select(Describe).Where(m => m is not null).Order(StringComparer.Ordinal))
            {
                text.Append("    ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Kind(Type type) => type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct"
        : type.IsSubclassOf(typeof(Delegate)) ? "delegate" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";

    private static string? Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo { IsSpecialName: true } m when !m.Name.StartsWith("op_", StringComparison.Ordinal) => null,
        MethodInfo m when m.Name == "<Clone>$" => null,
        MethodInfo m => $"{(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}{(m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(Name)) + ">" : string.Empty)}({Parameters(m)})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : string.Empty)}{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{(p.SetMethod?.IsPublic == true ? (p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ? "init; " : "set; ") : string.Empty)}}}",
        FieldInfo f when f.DeclaringType!.IsEnum => f.IsSpecialName ? null : f.Name,
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => null,
    };

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}"));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        if (type.IsGenericType)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }

        return name.Replace("System.", string.Empty, StringComparison.Ordinal);
    }
}

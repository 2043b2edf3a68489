using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Nuke.CrossBuild.Tests;

/// <summary>
/// Writes tuples as C# does, with their element names: PublicApiGenerator 11.5 prints <c>System.ValueTuple&lt;int, string&gt;</c>
/// and drops the names, which the compiler keeps in <see cref="TupleElementNamesAttribute"/> (one name per element, listed
/// in pre-order over every tuple in the member's type). A renamed tuple element is an API change, so it must show.
/// </summary>
internal static class PublicApiTuples
{
    private const string Open = "System.ValueTuple<";

    /// <summary>Rewrites every <c>System.ValueTuple&lt;…&gt;</c> of <paramref name="text"/> as <c>(T1 Name1, T2 Name2)</c>.</summary>
    public static string Name(string text, IEnumerable<Type> types)
    {
        var byMember = Members(types).Where(m => m.Names.Any(n => n is not null)).ToLookup(m => m.Name, m => m.Names);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(Open, StringComparison.Ordinal))
            {
                lines[i] = NameLine(lines[i], byMember);
            }
        }

        return string.Join('\n', lines);
    }

    private static string NameLine(string line, ILookup<string, IReadOnlyList<string?[]?>> byMember)
    {
        var count = CountOccurrences(line);
        var member = MemberName(line);
        var candidates = byMember[member].Where(n => n.Count == count).Select(n => string.Join("|", n.Select(a => a is null ? "-" : string.Join(",", a)))).Distinct().ToList();
        if (candidates.Count > 1)
        {
            throw new InvalidOperationException($"tuple names of '{member}': expected one naming among its overloads, got {candidates.Count}; give the overloads different names or extend PublicApiTuples");
        }

        var names = new Queue<string?[]?>(candidates.Count == 1 ? byMember[member].First(n => n.Count == count) : Enumerable.Repeat<string?[]?>(null, count));
        var text = new StringBuilder();
        Rewrite(line, names, text);
        return text.ToString();
    }

    // The member a line declares: the identifier before the first '(' outside a type's '<…>' (methods, constructors,
    // delegates), else the one before " {" (properties) or before ";" / " =" (fields).
    private static string MemberName(string line)
    {
        var depth = 0;
        var end = line.Length;
        for (var i = 0; i < line.Length; i++)
        {
            depth += line[i] == '<' ? 1 : line[i] == '>' ? -1 : 0;
            if (depth == 0 && (line[i] == '(' || line.AsSpan(i).StartsWith(" {") || line[i] == ';' || line.AsSpan(i).StartsWith(" =")))
            {
                end = i;
                break;
            }
        }

        var start = end;
        while (start > 0 && (char.IsLetterOrDigit(line[start - 1]) || line[start - 1] == '_'))
        {
            start--;
        }

        return line[start..end];
    }

    private static int CountOccurrences(string line)
    {
        var count = 0;
        for (var i = line.IndexOf(Open, StringComparison.Ordinal); i >= 0; i = line.IndexOf(Open, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    // Pre-order: an outer tuple takes its names before the tuples inside its elements, as the attribute lists them.
    private static void Rewrite(string text, Queue<string?[]?> names, StringBuilder output)
    {
        var at = text.IndexOf(Open, StringComparison.Ordinal);
        if (at < 0)
        {
            output.Append(text);
            return;
        }

        output.Append(text, 0, at);
        var (arguments, end) = Arguments(text, at + Open.Length);
        var own = names.Dequeue();
        output.Append('(');
        for (var i = 0; i < arguments.Count; i++)
        {
            output.Append(i == 0 ? string.Empty : ", ");
            Rewrite(arguments[i], names, output);
            output.Append(own?[i] is { } name ? " " + name : string.Empty);
        }

        output.Append(')');
        Rewrite(text[(end + 1)..], names, output);
    }

    // The top-level, comma-separated type arguments from start up to the matching '>' (returned as end).
    private static (List<string> Arguments, int End) Arguments(string text, int start)
    {
        var arguments = new List<string>();
        var depth = 0;
        var from = start;
        for (var i = start; ; i++)
        {
            switch (text[i])
            {
                case '<' or '(':
                    depth++;
                    break;
                case '>' or ')' when depth > 0:
                    depth--;
                    break;
                case '>':
                    arguments.Add(text[from..i]);
                    return (arguments, i);
                case ',' when depth == 0:
                    arguments.Add(text[from..i]);
                    from = i + 2;
                    break;
            }
        }
    }

    // Every public or protected member's tuples, in the order the generator prints them: return type, then parameters.
    private static IEnumerable<(string Name, IReadOnlyList<string?[]?> Names)> Members(IEnumerable<Type> types)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in types)
        {
            if (type.IsSubclassOf(typeof(MulticastDelegate)))
            {
                yield return (type.Name, Slots(type.GetMethod("Invoke")!));
                continue;
            }

            foreach (var member in type.GetMembers(flags))
            {
                switch (member)
                {
                    case MethodBase method when method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly:
                        yield return (method is ConstructorInfo ? type.Name.Split('`')[0] : method.Name, Slots(method));
                        break;
                    case PropertyInfo property when property.GetMethod is { } get && (get.IsPublic || get.IsFamily || get.IsFamilyOrAssembly):
                        yield return (property.GetIndexParameters().Length > 0 ? "this" : property.Name, Slot(property.PropertyType, property.GetCustomAttribute<TupleElementNamesAttribute>()));
                        break;
                    case FieldInfo field when field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly:
                        yield return (field.Name, Slot(field.FieldType, field.GetCustomAttribute<TupleElementNamesAttribute>()));
                        break;
                }
            }
        }
    }

    private static List<string?[]?> Slots(MethodBase method)
    {
        var slots = new List<string?[]?>();
        if (method is MethodInfo info)
        {
            slots.AddRange(Slot(info.ReturnType, info.ReturnParameter.GetCustomAttribute<TupleElementNamesAttribute>()));
        }

        foreach (var parameter in method.GetParameters())
        {
            slots.AddRange(Slot(parameter.ParameterType, parameter.GetCustomAttribute<TupleElementNamesAttribute>()));
        }

        return slots;
    }

    // One entry per tuple in the type (pre-order), with its element names or null when the tuple has none.
    private static List<string?[]?> Slot(Type type, TupleElementNamesAttribute? attribute)
    {
        var slots = new List<string?[]?>();
        var next = 0;
        Walk(type);
        return slots;

        void Walk(Type current)
        {
            if (current.HasElementType)
            {
                Walk(current.GetElementType()!);
                return;
            }

            if (!current.IsGenericType)
            {
                return;
            }

            var arguments = current.GetGenericArguments();
            if (current.GetGenericTypeDefinition().FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
            {
                var names = attribute?.TransformNames.Skip(next).Take(arguments.Length).ToArray();
                slots.Add(names is not null && names.Any(n => n is not null) ? names : null);
                next += arguments.Length;
            }

            foreach (var argument in arguments)
            {
                Walk(argument);
            }
        }
    }
}

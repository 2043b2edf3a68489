using System.Reflection;
using System.Text.RegularExpressions;
using PublicApiGenerator;

namespace Nuke.CrossBuild.Tests;

/// <summary>
/// The approved text of a public API: PublicApiGenerator's C# outline (nullability, default values, <c>required</c>,
/// <c>init</c>, <c>record</c>), with tuple element names added (<see cref="PublicApiTuples"/>).
/// </summary>
/// <remarks>
/// What the compiler writes for a record (EqualityContract, <c>&lt;Clone&gt;$</c>, PrintMembers, the copy constructor,
/// Equals, GetHashCode, ToString, <c>==</c>, <c>!=</c>, Deconstruct) carries <c>[CompilerGenerated]</c>, and
/// PublicApiGenerator leaves out every member that does; a member written by hand (a record's own ToString, say) has no
/// such attribute and shows. The <c>record</c> keyword stands for the value equality, so the record's
/// <c>IEquatable&lt;itself&gt;</c> is dropped from its base list too: that is the one post-filter here.
/// </remarks>
internal static partial class PublicApiText
{
    // A new options object per call: GeneratePublicApi(Type[], options) writes the types into options.IncludeTypes, so a
    // shared one made the assembly's text depend on which spec ran first (empty after a sample spec).
    private static ApiGeneratorOptions Options() => new()
    {
        IncludeAssemblyAttributes = false,
        TreatRecordsAsClasses = false,
        // The names are written into the tuples themselves (PublicApiTuples), not as [return: TupleElementNames(…)].
        ExcludeAttributes = ["System.Runtime.CompilerServices.TupleElementNamesAttribute"],
    };

    public static string Of(Assembly assembly) => Finish(ApiGenerator.GeneratePublicApi(assembly, Options()), assembly.GetExportedTypes());

    public static string Of(params Type[] types) => Finish(ApiGenerator.GeneratePublicApi(types, Options()), types.SelectMany(Nested));

    private static string Finish(string text, IEnumerable<Type> types)
    {
        text = RecordEquatable().Replace(text.ReplaceLineEndings("\n"), m => m.Groups["head"].Value + (m.Groups["rest"].Success ? " : " + m.Groups["rest"].Value : string.Empty));
        return PublicApiTuples.Name(text, types) + "\n";
    }

    private static IEnumerable<Type> Nested(Type type) => type.GetNestedTypes().SelectMany(Nested).Prepend(type);

    [GeneratedRegex(@"^(?<head>[ \t]*(?:public|protected)[^\n]*?\brecord (?:struct )?(?<name>\w+)) : System\.IEquatable<[\w.]*?\b\k<name>>(?:, (?<rest>[^\n]*))?$", RegexOptions.Multiline)]
    private static partial Regex RecordEquatable();
}

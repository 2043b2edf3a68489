using System.Text.RegularExpressions;
using Nuke.CrossBuild.Platforms;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Architecture;

/// <summary>
/// A caller catches what went wrong by type: src/ throws a typed child of <see cref="CrossBuildException"/> (docs/architecture.md,
/// "Errors"), never makes the base type itself, except where <see cref="Allowed"/> gives the reason. The list can only shrink.
/// </summary>
public sealed partial class ExceptionSpecs
{
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["src/Nuke.CrossBuild/Internal/PackageVersion.cs"] = "a packaging defect (an assembly built without a version), never an input; no caller can act on it",
        ["src/Nuke.CrossBuild.Cake/CakeSignals.cs"] = "Ctrl+C or SIGTERM stopped the step: Cake ends the build with the message; no caller goes on after it",
    };

    [Fact]
    public void Src_throws_typed_exceptions_not_the_base_type_unless_allowed()
    {
        var offenders = Throwers().Where(t => !Allowed.ContainsKey(t.File)).Select(t => $"{t.File}:{t.Line}").ToList();

        Assert.True(offenders.Count == 0, $"expected a typed child of CrossBuildException (docs/architecture.md, Errors), got the base type at:\n{string.Join("\n", offenders)}");
    }

    [Fact]
    public void An_allowed_base_type_throw_is_still_there()
    {
        var files = Throwers().Select(t => t.File).ToHashSet(StringComparer.Ordinal);

        var stale = Allowed.Keys.Where(f => !files.Contains(f)).ToList();

        Assert.True(stale.Count == 0, $"expected every allowed file to still throw CrossBuildException, got none in: {string.Join(", ", stale)} (remove the entry)");
    }

    [Fact]
    public void Every_public_exception_of_the_core_derives_from_CrossBuildException()
    {
        var loose = typeof(Platform).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !typeof(CrossBuildException).IsAssignableFrom(t))
            .Select(t => t.FullName).ToList();

        Assert.True(loose.Count == 0, $"expected every public exception to derive from CrossBuildException (so catch (CrossBuildException) and the CLI's exit codes hold), got: {string.Join(", ", loose)}");
    }

    private static IEnumerable<(string File, int Line)> Throwers()
    {
        var src = Path.Combine(RepoPaths.Root, "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (BaseThrow().IsMatch(lines[i]))
                {
                    yield return (Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'), i + 1);
                }
            }
        }
    }

    // "new CrossBuildException(" anywhere (thrown, returned, handed over), and a method made to return the base type (its body's target-typed "new(").
    [GeneratedRegex(@"new\s+CrossBuildException\s*\(|(?<![<\w])CrossBuildException\s+\w+\s*\(")]
    private static partial Regex BaseThrow();
}

using System.Runtime.CompilerServices;
using Nuke.CrossBuild.Tests.Infra;

namespace Nuke.CrossBuild.Tests.Architecture;

/// <summary>
/// No method in src/ is longer than <see cref="MaxLines"/> lines, measured on the compiled assemblies' portable PDBs
/// (<see cref="MethodLengths"/> says how: lambdas and local functions count into their method). The methods that were
/// longer when the rule came are listed in <see cref="Allowed"/> with their length then; the list can only shrink: an
/// entry fails when its method grows, gets shorter (lower or remove the entry), or no longer exists. The CLI has none.
/// </summary>
public sealed class MethodLengthSpecs
{
    private const int MaxLines = 60;

    private const string Cli = "crossbuild";

    // Empty since every method of src/ is 60 lines or fewer; an entry (assembly|Type.Method = lines) is a debt to pay off, never a home.
    private static readonly Dictionary<string, int> Allowed = new(StringComparer.Ordinal)
    {
    };

    private static readonly Lazy<IReadOnlyList<MethodLength>> Measured = new(() => [.. Assemblies().SelectMany(MethodLengths.Measure)]);

    [Fact]
    public void No_method_in_src_is_longer_than_60_lines_unless_allowed()
    {
        var offenders = Measured.Value.Where(m => m.Lines > MaxLines && !Allowed.ContainsKey(m.Key)).Select(m => $"{m.Key} ({m.Location}): {m.Lines} lines").ToList();

        Assert.True(offenders.Count == 0, $"expected no method over {MaxLines} lines, got {offenders.Count}: split them into named steps\n{string.Join("\n", offenders)}");
    }

    [Fact]
    public void An_allowed_long_method_never_grows_and_its_entry_shrinks_with_it()
    {
        var measured = Measured.Value.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var stale = Allowed.Where(a => !measured.TryGetValue(a.Key, out var m) || m.Lines != a.Value).Select(a => measured.TryGetValue(a.Key, out var m)
            ? m.Lines > a.Value ? $"{a.Key} grew from {a.Value} to {m.Lines} lines ({m.Location}): split it"
            : m.Lines > MaxLines ? $"{a.Key} is {m.Lines} lines now: lower its entry to {m.Lines}"
            : $"{a.Key} is {m.Lines} lines now: remove its entry"
            : $"{a.Key} no longer exists: remove its entry (renamed? its new name may not be listed)").ToList();

        Assert.True(stale.Count == 0, $"expected the allow-list to match the long methods, got {stale.Count} differences\n{string.Join("\n", stale)}");
    }

    [Fact]
    public void The_cli_has_no_long_method_allowed()
    {
        Assert.DoesNotContain(Allowed.Keys, k => k.StartsWith(Cli + "|", StringComparison.Ordinal));
        Assert.Contains(Measured.Value, m => m.Key.StartsWith(Cli + "|", StringComparison.Ordinal)); // the CLI is measured at all
    }

    [Fact]
    public void Every_assembly_in_src_is_measured()
    {
        var measured = Measured.Value.Select(m => m.Key.Split('|')[0]).ToHashSet();

        Assert.Equal(["Nuke.CrossBuild", "Nuke.CrossBuild.Cake", "Nuke.CrossBuild.Components", Cli], measured.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_lambda_and_a_local_function_count_into_their_method_and_an_async_method_into_its_own()
    {
        var fixture = MethodLengths.Measure(typeof(MethodLengthFixture).Assembly.Location).ToDictionary(m => m.Key);
        var lines = File.ReadAllLines(Path.Combine(SourceDirectory(), "MethodLengthFixture.cs"));
        int Line(string marker) => Array.FindIndex(lines, l => l.EndsWith("// fixture: " + marker, StringComparison.Ordinal)) + 1;

        var folded = fixture["Nuke.CrossBuild.Tests|MethodLengthFixture.Folded"];
        var async = fixture["Nuke.CrossBuild.Tests|MethodLengthFixture.FoldedAsync"];

        Assert.Equal($"tests/Nuke.CrossBuild.Tests/Architecture/MethodLengthFixture.cs:{Line("first line")}", folded.Location);
        Assert.InRange(folded.Lines, Line("last line") - Line("first line") + 1, Line("last line") - Line("first line") + 2); // + the local function's closing brace
        Assert.InRange(async.Lines, Line("async last line") - Line("async first line") + 1, Line("async last line") - Line("async first line") + 2);
        Assert.DoesNotContain(fixture.Keys, k => k.Contains("MethodLengthFixture.<", StringComparison.Ordinal)); // no lambda measured apart
    }

    // The four assemblies built from src/ (the Cake add-in from its own project's output: nothing here references it).
    private static IEnumerable<string> Assemblies()
    {
        yield return typeof(Nuke.CrossBuild.Platforms.Platform).Assembly.Location;
        yield return typeof(Nuke.CrossBuild.Components.IHazPlatforms).Assembly.Location;
        yield return RepoPaths.CliDll;
        var cake = Path.Combine(RepoPaths.Root, "src", "Nuke.CrossBuild.Cake", "bin", RepoPaths.Configuration, "net10.0", "Nuke.CrossBuild.Cake.dll");
        Assert.True(File.Exists(cake), $"expected the Cake add-in built at {cake}, got nothing (dotnet build src/Nuke.CrossBuild.Cake -c {RepoPaths.Configuration})");
        yield return cake;
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

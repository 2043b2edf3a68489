using System.Runtime.CompilerServices;
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
        var actual = PublicApiText.Of(assembly) + (suffix == string.Empty ? "// The defaults of the settings records (new T()):\n" + PublicApiDefaults.Of(assembly) : string.Empty);
        var approvedPath = Path.Combine(SourceDirectory(), $"PublicApi{suffix}.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved != actual)
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), $"PublicApi{suffix}.received.txt"), actual);
        }

        Assert.True(approved == actual, $"the public API changed: review tests/Nuke.CrossBuild.Tests/PublicApi{suffix}.received.txt and copy it over PublicApi{suffix}.approved.txt if the change is intended");
    }

    [Fact]
    public void The_approved_text_shows_nullability_defaults_tuple_names_and_hand_written_members_only()
    {
        Assert.Equal(
            """
            namespace Sample
            {
                public sealed record Sample
                {
                    public Sample(string Name, string? Note) { }
                    public string Name { get; init; }
                    public string? Note { get; init; }
                    public override string ToString() { }
                    public static string Greet(string greeting = "hello", string? name = null) { }
                    public static (int Count, string Unit) Size() { }
                }
            }

            """,
            SampleText(typeof(PublicApiSamples.Before.Sample)));
    }

    [Theory]
    [InlineData(typeof(PublicApiSamples.DefaultChanged.Sample), "string greeting = \"hi\"")]
    [InlineData(typeof(PublicApiSamples.NullabilityChanged.Sample), "public string Note { get; init; }")]
    [InlineData(typeof(PublicApiSamples.TupleRenamed.Sample), "(int Count, string Units)")]
    public void A_changed_default_value_nullability_or_tuple_name_fails_the_approval(Type changed, string changedLine)
    {
        var approved = SampleText(typeof(PublicApiSamples.Before.Sample)).Split('\n');
        var actual = SampleText(changed).Split('\n');

        var differences = approved.Zip(actual).Where(pair => pair.First != pair.Second).ToList();
        Assert.Equal(approved.Length, actual.Length);
        Assert.Contains(differences, pair => pair.Second.Contains(changedLine, StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_property_default_of_a_settings_record_fails_the_approval()
    {
        var before = PublicApiDefaults.Of([typeof(PublicApiSamples.Before.SampleSettings)]).Replace(".Before.", ".", StringComparison.Ordinal);
        var changed = PublicApiDefaults.Of([typeof(PublicApiSamples.DefaultChanged.SampleSettings)]).Replace(".DefaultChanged.", ".", StringComparison.Ordinal);

        Assert.Equal("new Nuke.CrossBuild.Tests.PublicApiSamples.SampleSettings()\n    Platforms = [\"common\"]\n    Timeout = 00:00:30\n", before);
        Assert.NotEqual(before, changed);
        Assert.Contains("    Platforms = [\"all\"]\n", changed, StringComparison.Ordinal);
    }

    // The samples differ only in namespace and the one change: with the namespace renamed, everything else must match.
    private static string SampleText(Type type) => PublicApiText.Of(type).Replace(type.Namespace!, "Sample", StringComparison.Ordinal);

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

namespace Nuke.CrossBuild.Tests.PublicApiSamples.DefaultChanged;

/// <summary>Before, with another default value of Greet's greeting (PublicApiSpecs compares its approved text with Before's).</summary>
public sealed record Sample(string Name, string? Note)
{
    /// <summary>A default value and a nullable parameter.</summary>
    public static string Greet(string greeting = "hi", string? name = null) => greeting + " " + name;

    /// <summary>A tuple with element names.</summary>
    public static (int Count, string Unit) Size() => (1, "MiB");

    /// <summary>Written by hand: shows in the API, unlike the record's generated members.</summary>
    public override string ToString() => Name;
}

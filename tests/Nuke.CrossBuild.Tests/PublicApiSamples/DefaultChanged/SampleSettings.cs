namespace Nuke.CrossBuild.Tests.PublicApiSamples.DefaultChanged;

/// <summary>A settings record whose property default the approval must see (PublicApiSpecs).</summary>
public sealed record SampleSettings
{
    /// <summary>Gets the platforms.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = ["all"];

    /// <summary>Gets the timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

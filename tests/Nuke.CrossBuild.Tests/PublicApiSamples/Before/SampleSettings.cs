namespace Nuke.CrossBuild.Tests.PublicApiSamples.Before;

/// <summary>A settings record whose property default the approval must see (PublicApiSpecs).</summary>
public sealed record SampleSettings
{
    /// <summary>Gets the platforms.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = ["common"];

    /// <summary>Gets the timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

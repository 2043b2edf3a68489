namespace Nuke.CrossBuild.Buildx;

/// <summary>One node of a builder.</summary>
/// <param name="Name">The node name.</param>
/// <param name="Endpoint">Its endpoint.</param>
/// <param name="Status">running, inactive, stopped, error.</param>
/// <param name="Platforms">The platforms it builds.</param>
/// <param name="Error">The error buildx reports for it, or null.</param>
public sealed record BuilderNode(string Name, string Endpoint, string Status, IReadOnlyList<string> Platforms, string? Error);

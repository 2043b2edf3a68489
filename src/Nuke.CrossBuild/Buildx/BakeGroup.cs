namespace Nuke.CrossBuild.Buildx;

/// <summary>A group of a bake file: a name that builds several targets (or groups) in one run.</summary>
/// <param name="Name">The group's name (<c>[a-zA-Z0-9_-]+</c>); <c>default</c> is what a bare <c>docker buildx bake</c> builds.</param>
/// <param name="Targets">The targets and groups it builds.</param>
public sealed record BakeGroup(string Name, IReadOnlyList<string> Targets);

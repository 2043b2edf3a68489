namespace Nuke.CrossBuild.Engine;

/// <summary>An image the engine has.</summary>
/// <param name="Id">Its ID (<c>sha256:…</c>).</param>
/// <param name="Platform">The platform the engine resolved it to (<c>os/arch[/variant]</c>).</param>
/// <param name="Tags">Its references.</param>
public sealed record EngineImage(string Id, string Platform, IReadOnlyList<string> Tags);

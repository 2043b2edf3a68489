namespace Nuke.Common.Tooling;

/// <summary>Contract of NUKE's <c>Nuke.Common.Tooling.Configure&lt;T&gt;</c> (Nuke.Tooling).</summary>
public delegate T Configure<T>(T options);

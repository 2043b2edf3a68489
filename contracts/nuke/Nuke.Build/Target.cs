namespace Nuke.Common;

/// <summary>Contract of NUKE's <c>Target</c> delegate (Nuke.Build).</summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);

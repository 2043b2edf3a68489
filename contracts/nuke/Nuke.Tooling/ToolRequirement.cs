namespace Nuke.Common.Tooling;

/// <summary>Contract of NUKE's tool requirement markers (Nuke.Tooling), the ones <c>ITargetDefinition.Requires&lt;T&gt;</c> constrains on.</summary>
public interface IRequireTool;

/// <summary>Contract of NUKE's <c>IRequireToolWithVersion</c> (Nuke.Tooling).</summary>
public interface IRequireToolWithVersion;

/// <summary>Contract of NUKE's <c>ToolRequirement</c> (Nuke.Tooling): the base of its requirement records.</summary>
public class ToolRequirement;

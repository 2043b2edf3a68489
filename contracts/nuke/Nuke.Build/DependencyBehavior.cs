namespace Nuke.Common;

/// <summary>Contract of NUKE's <c>DependencyBehavior</c> (Nuke.Build).</summary>
public enum DependencyBehavior
{
    Skip,
    Execute,
}

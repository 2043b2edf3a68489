namespace Nuke.Common.Tooling;

/// <summary>Contract of NUKE's <c>OutputType</c> (Nuke.Tooling).</summary>
public enum OutputType
{
    Std,
    Err,
}

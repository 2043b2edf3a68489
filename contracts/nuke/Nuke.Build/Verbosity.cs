namespace Nuke.Common;

/// <summary>Contract of NUKE's <c>Verbosity</c> (Nuke.Build).</summary>
public enum Verbosity
{
    Verbose,
    Normal,
    Minimal,
    Quiet,
}

namespace Nuke.Common.Tooling;

/// <summary>Contract of NUKE's <c>Output</c> (Nuke.Tooling).</summary>
public struct Output
{
    public OutputType Type;
    public string Text;
}

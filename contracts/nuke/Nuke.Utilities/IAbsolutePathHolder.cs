namespace Nuke.Common.IO;

/// <summary>Contract of NUKE's <c>IAbsolutePathHolder</c> (Nuke.Utilities).</summary>
public interface IAbsolutePathHolder
{
    AbsolutePath Path { get; }
}
